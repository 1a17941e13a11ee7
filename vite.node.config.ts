/**
 * Builds the Node-side bundles of the Electron app, one entry per invocation:
 *   vite build --config vite.node.config.ts --mode main     -> dist/main/main.cjs
 *   vite build --config vite.node.config.ts --mode preload  -> dist/preload/preload.cjs
 *   vite build --config vite.node.config.ts --mode worker   -> dist/worker/coreWorker.cjs
 * Separate builds on purpose: a sandboxed preload can require only 'electron', so it must be one
 * self-contained file; a multi-entry build could split shared code into a chunk it cannot load.
 * The core worker (electron/core/worker) is its own file because main starts it by path as a
 * worker thread; each build has its own outDir, since emptyOutDir wipes the folder it builds into.
 * Production dependencies (native better-sqlite3 / sqlite-vec, openai, ws, zod...) stay external:
 * electron-builder ships them in node_modules (native ones unpacked from the asar).
 */
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
};
const dependencies = Object.keys(pkg.dependencies ?? {});
const external = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  ...dependencies,
].map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`));

const entries = {
  main: { entry: 'electron/main/main.ts', outDir: 'dist/main', fileName: 'main.cjs' },
  preload: { entry: 'electron/preload/preload.ts', outDir: 'dist/preload', fileName: 'preload.cjs' },
  worker: { entry: 'electron/core/worker/coreWorkerMain.ts', outDir: 'dist/worker', fileName: 'coreWorker.cjs' },
} as const;

export default defineConfig(({ mode }) => {
  const target = entries[mode as keyof typeof entries];
  if (!target) throw new Error(`vite.node.config.ts: --mode must be one of ${Object.keys(entries).join(', ')}`);
  return {
    // No public dir, no HTML: these are plain Node/Electron bundles.
    publicDir: false,
    build: {
      ssr: target.entry,
      outDir: target.outDir,
      emptyOutDir: true,
      target: 'node22',
      sourcemap: true,
      minify: false,
      rolldownOptions: {
        external,
        output: { format: 'cjs', entryFileNames: target.fileName, codeSplitting: false },
      },
    },
    ssr: { noExternal: true, external: dependencies, target: 'node' },
  };
});
