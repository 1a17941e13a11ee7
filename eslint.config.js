// Lint config. Layering is an allow-list enforced by eslint-plugin-boundaries: every file under
// shared/, renderer/ and electron/{core,main,host,cli,preload} belongs to one layer, and each layer
// names everything it may import: our layers, npm packages and Node builtins alike. An import that
// no policy below allows fails `npm run lint`, and so the build. Dependency direction:
// shared <- electron/core <- electron/{main,host,cli}; shared/api <- electron/preload; shared <- renderer.
// Files outside the layers (test/, *.config.ts, scripts) belong to no layer and are not checked.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The layers, anchored at the repository root (partialMatch: false), so no nested folder named like one is mistaken for it. */
const layers = {
  shared: 'shared',
  renderer: 'renderer',
  core: 'electron/core',
  main: 'electron/main',
  host: 'electron/host',
  cli: 'electron/cli',
  preload: 'electron/preload',
};

/**
 * The two .mjs launchers: plain-JS entries that register tsx and then load a layer's TypeScript.
 * Each keeps its folder's allow-list and gets the extra edges it exists for (see policies below).
 */
const launchers = [
  { category: 'remo-launcher', pattern: 'electron/cli/remo.mjs' },
  { category: 'core-worker-launcher', pattern: 'electron/core/worker/coreWorker.mjs' },
  { category: 'simulator-commands', pattern: 'electron/cli/commands/{sim,demo}.ts' },
];

const layer = (...types) => types.map((type) => ({ element: { type } }));
const coreParts = (...paths) => ({ element: { type: 'core', fileInternalPath: paths } });
const npm = (...source) => ({ module: { origin: 'external', source } });
const nodeBuiltins = { module: { origin: 'core' } };

/** Each layer's allow-list. Anything not listed here (another layer, a package, a builtin) is refused. */
const policies = [
  // Pure TypeScript that runs anywhere (Node, the renderer, the worker): no builtins, no Electron, no UI.
  { from: layer('shared'), allow: { to: [...layer('shared'), npm('zod', '@noble/hashes')] } },
  // A sandboxed page: browser/UI packages and shared/, never Node, Electron or electron/* code.
  {
    from: layer('renderer'),
    allow: { to: [...layer('renderer', 'shared'), npm('react', 'react-dom', 'zustand', 'recharts', 'diff', '@tanstack/react-virtual', 'zod')] },
  },
  // Plain Node: the store, the engine and the API service. No electron module, no UI, nothing above it.
  {
    from: layer('core'),
    allow: { to: [...layer('core', 'shared'), nodeBuiltins, npm('better-sqlite3', 'sqlite-vec', 'openai', 'papaparse', 'zod')] },
  },
  // The desktop shell: a relay from Electron to core.
  { from: layer('main'), allow: { to: [...layer('main', 'core', 'shared'), nodeBuiltins, npm('electron', 'zod')] } },
  // The web host (`remo web`): HTTP + WebSocket relay to core; registers its own commander command.
  { from: layer('host'), allow: { to: [...layer('host', 'core', 'shared'), nodeBuiltins, npm('ws', 'commander')] } },
  // The command line. "The contract is the only door": commands reach the core through the
  // in-process API client (withApi in electron/cli/output/commandSupport.ts), so of core only its
  // api and composition (createCore, defaults) are allowed, never the store, engine or runs.
  {
    from: layer('cli'),
    allow: { to: [...layer('cli', 'shared'), coreParts('api/**', 'composition/**'), nodeBuiltins, npm('commander', 'cli-progress', 'cli-table3')] },
  },
  // `remo sim` and `remo demo` start the simulator, which has no core and no API to go through.
  { from: { file: { categories: 'simulator-commands' } }, allow: { to: coreParts('llm/simulator/**') } },
  // The preload is a keyhole: the electron module and the IPC contract in shared/api, nothing else.
  { from: layer('preload'), allow: { to: [npm('electron'), { element: { type: 'shared', fileInternalPath: 'api/**' } }] } },
  // `remo` composes the CLI with the web host's `remo web` command (cli and host never import each other).
  { from: { file: { categories: 'remo-launcher' } }, allow: { to: [...layer('host'), npm('tsx')] } },
  // The core worker's source-tree entry registers tsx in the worker thread before loading core.
  { from: { file: { categories: 'core-worker-launcher' } }, allow: { to: npm('tsx') } },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'reports/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': root,
      'boundaries/elements': Object.entries(layers).map(([type, pattern]) => ({ type, pattern, partialMatch: false })),
      'boundaries/files': launchers,
      // Resolve extensionless TypeScript imports ('../core/api' -> ../core/api/index.ts) to files on disk.
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] } },
    },
    rules: {
      'boundaries/dependencies': ['error', {
        default: 'disallow',
        // Check npm packages and Node builtins too, not only our own files.
        checkAllOrigins: true,
        // A relative import that resolves to no layer (or to nothing) is refused, not skipped.
        checkUnknownLocals: true,
        message: "layering: '{{ dependency.source }}' is not on the allow-list of the {{ from.element.type }} layer "
          + '(it is {{#if to.element.type}}the {{ to.element.type }} layer{{else if to.module.source}}a package or Node builtin'
          + '{{else}}a file in no layer{{/if}}); see the policies in eslint.config.js',
        policies,
      }],
    },
  },
  {
    // A new folder under electron/ must be given a layer above (and an allow-list) before it lints.
    files: ['electron/**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    rules: { 'boundaries/no-unknown-files': 'error' },
  },
);
