/**
 * Vite config for the playground: `npm run playground` (dev server) and
 * `npm run build:playground` (static files in apps/playground/dist).
 *
 * The page imports the library's TypeScript sources directly (src/index.ts, via
 * apps/playground/src/lib.ts), so no library build step is needed first.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Relative asset URLs: the built page works from any path (a sub-folder, a file server).
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // tfjs is large (a copy in the page and one in the training worker): do not warn about it.
    chunkSizeWarningLimit: 4096,
  },
  // The training worker is an ES module, like the page.
  worker: { format: 'es' },
  server: { fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] } },
});
