import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The web application: built from web/ into web/dist, served by the API server (src/app/web.ts). */
export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    // JIUYE_WEB_DIST: build elsewhere (parallel work, CI scratch); the server reads the same variable.
    outDir: process.env.JIUYE_WEB_DIST ?? 'dist',
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development, with the API on :3000.
    proxy: { '/api': 'http://localhost:3000', '/favicon.ico': 'http://localhost:3000' },
  },
});
