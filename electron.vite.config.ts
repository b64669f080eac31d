import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Non-default folders (src-main, src-renderer) need explicit inputs and outDirs.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'), // Electron main process
          launcher: resolve(__dirname, 'src-main/launcher.ts'), // `npm start`: desktop if possible, else web
          cli: resolve(__dirname, 'src-main/cli.ts'), // backup/restore/demo/bench-data under plain Node
          'read-worker': resolve(__dirname, 'src-main/core/api/read-worker.ts'), // a reader of the read pool (worker thread)
        },
        external: ['better-sqlite3', 'electron'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/preload.ts') } },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    resolve: { alias: { '@contract': resolve(__dirname, 'src-main/contract') } },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
      chunkSizeWarningLimit: 4000,
    },
  },
});
