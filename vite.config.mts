// Runs in: build tooling. Bundles the renderer (React + Konva) into dist/renderer.
// No @vitejs/plugin-react: Vite's own transform handles TSX (automatic JSX runtime); fast refresh is not needed.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src-renderer',
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
