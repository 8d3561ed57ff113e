import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress.js';

// Paths are resolved from this file, so `vite build --config web/vite.config.ts` works from the repo root
// and `npx vite` works from inside web/.
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig(({ mode }) => {
  // PFM_API=http://127.0.0.1:4000 npx vite  points the dev proxy at another `pfm serve`.
  const env = loadEnv(mode, here, 'PFM_');
  const api = env['PFM_API'] ?? 'http://127.0.0.1:3000';
  return {
    root: here,
    base: '/',
    plugins: [react(), precompress()],
    build: {
      outDir: `${here}dist`,
      emptyOutDir: true,
      // No source maps by default: they would double the folder and publish the source. For debugging,
      // PFM_SOURCEMAP=1 npm run build:web  writes them beside the files without naming them in the files
      // (the server never sends a .map; load one by hand in the browser's developer tools).
      sourcemap: env['PFM_SOURCEMAP'] === '1' ? 'hidden' : false,
    },
    server: {
      proxy: { '/api': { target: api } },
    },
  };
});
