/**
 * Builds the React renderer (renderer/) to dist/renderer. The same files are served by the web
 * host and by Electron's app:// protocol, so asset URLs are relative (base './').
 * No @vitejs/plugin-react: Vite 8 transforms TSX with oxc; the automatic JSX runtime is set here.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    // CSP forbids inline scripts: never inline the module preload polyfill or small assets as code.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
});
