import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const definitionsSource = fileURLToPath(new URL('../definitions/src/index.ts', import.meta.url));

// The definitions package is compiled from source, so the preview always runs the same rule
// language as the engine without a separate build step.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@sentinel/definitions': definitionsSource } },
  build: { chunkSizeWarningLimit: 1500, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
