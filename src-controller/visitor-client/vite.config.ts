import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The visitor pages are server-rendered HTML; the only script is the 3D viewer, built here into
 * dist/visitor and served under /hall/assets/ to pages that have a model.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/hall/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/visitor', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: fileURLToPath(new URL('model-view.ts', import.meta.url)),
    },
  },
});
