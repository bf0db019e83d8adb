// Runs in: build tooling (Node). Bundles every Node-side entry with esbuild and the renderer with Vite.
// Native and runtime packages stay external (installed next to dist/ by npm and electron-builder);
// the sandboxed preload may only require('electron'), so it bundles everything else.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync } from 'node:fs';

const only = process.argv[2]; // "node" | "renderer" | undefined (both)
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

if (only !== 'renderer') {
  rmSync('dist/node', { recursive: true, force: true });
  await Promise.all([
    build({
      ...common,
      packages: 'external',
      entryPoints: { cli: 'src-main/cli/index.ts' },
      outdir: 'dist/node',
      outExtension: { '.js': '.cjs' },
    }),
    build({
      ...common,
      packages: 'external',
      entryPoints: { engine: 'src-main/engine/main.ts' },
      outdir: 'dist/node',
      outExtension: { '.js': '.cjs' },
    }),
    // The ORT worker thread: bundled with all but ORT, so it also runs from app.asar.unpacked next to ORT.
    build({
      ...common,
      external: ['onnxruntime-node'],
      entryPoints: { 'ort-worker': 'src-main/engine/runtime/ort-worker.ts' },
      outdir: 'dist/node',
      outExtension: { '.js': '.cjs' },
    }),
    // The content-aware fill's worker thread (pure TypeScript, no packages).
    build({
      ...common,
      entryPoints: { 'fill-worker': 'src-main/engine/fill/fill-worker.ts' },
      outdir: 'dist/node',
      outExtension: { '.js': '.cjs' },
    }),
    // The full-resolution selection replay's worker thread (pure TypeScript, no packages).
    // The layered export's compositing and PSD encoding worker thread (ag-psd bundled in, no native packages).
    build({
      ...common,
      entryPoints: { 'export-worker': 'src-main/engine/export/export-worker.ts' },
      outdir: 'dist/node',
      outExtension: { '.js': '.cjs' },
    }),
    build({
      ...common,
      entryPoints: { 'mask-worker': 'src-main/engine/selection/mask-worker.ts' },
      outdir: 'dist/node',
      outExtension: { '.js': '.cjs' },
    }),
    build({
      ...common,
      packages: 'external',
      external: ['electron'],
      entryPoints: { main: 'src-main/electron/main.ts' },
      outdir: 'dist/node',
      outExtension: { '.js': '.cjs' },
    }),
    build({
      ...common,
      external: ['electron'],
      entryPoints: { preload: 'src-main/electron/preload.ts' },
      outdir: 'dist/node',
      outExtension: { '.js': '.cjs' },
    }),
  ]);
}
if (only !== 'node') {
  await viteBuild({ configFile: 'vite.config.mts', logLevel: 'warn' });
}
