import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';

// Paths are resolved from this file, so `vite build --config web/vite.config.ts` works from the repo root
// and `npx vite` works from inside web/.
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig(({ mode }) => {
  // PFM_API=http://127.0.0.1:4000 npx vite  points the dev proxy at another `pfm serve`.
  const api = loadEnv(mode, here, 'PFM_')['PFM_API'] ?? 'http://127.0.0.1:3000';
  return {
    root: here,
    base: '/',
    plugins: [react()],
    build: {
      outDir: `${here}dist`,
      emptyOutDir: true,
      sourcemap: true,
    },
    server: {
      proxy: { '/api': { target: api } },
    },
  };
});
