/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // The training worker imports tfjs as ES modules; the classic IIFE worker format cannot.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // tfjs is large by nature; it loads in the worker, off the main thread.
    chunkSizeWarningLimit: 4096,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
