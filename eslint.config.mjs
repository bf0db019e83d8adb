// Runs in: lint tooling. Type-aware rules plus the process boundaries of [Note: contract]:
// src-shared imports no Node/Electron/DOM-only modules; the renderer never imports src-main or Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import floors from './eslint-rules/renderer-floors.mjs';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'util', 'stream'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeBuiltins,
            'electron',
            'react',
            'react-*',
            'konva',
            'sharp',
            'onnxruntime-node',
            'ws',
            '**/src-main/**',
            '**/src-renderer/**',
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { anyfill: floors },
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', 'sharp', 'onnxruntime-node', 'ws', '**/src-main/**'] }],
      // The renderer's floors (eslint-rules/renderer-floors.mjs): imports go down, features meet at api.ts.
      'anyfill/renderer-floors': 'error',
    },
  },
  {
    files: [
      'src-main/**/*.ts',
      'scripts/**/*.{js,mjs,ts}',
      'test/**/*.ts',
      'bin/**/*.cjs',
      '*.config.{js,mjs,ts}',
      'eslint-rules/**/*.mjs',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/src-renderer/**'] }] },
  },
  {
    files: ['bin/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
