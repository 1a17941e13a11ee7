// Lint config. The layering rules below are the architecture guide's dependency direction,
// enforced: shared <- electron/core <- electron/{main,preload,host,cli}; shared <- renderer.
// A wrong import fails `npm run lint`, and so the build.
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url',
  'worker_threads', 'stream', 'events', 'util', 'zlib', 'readline', 'process', 'buffer', 'tty',
];
const nativeAndNodePackages = ['better-sqlite3', 'sqlite-vec', 'openai', 'ws', 'commander', 'cli-progress', 'cli-table3'];

/**
 * Builds a no-restricted-imports rule from forbidden groups, each with the reason shown. Bare module
 * names ('events', 'ws') become exact `paths`, because as gitignore-style `patterns` they would also
 * match any folder of ours with that name (shared/events).
 */
function forbid(...groups) {
  const isBareName = (entry) => !entry.includes('/') && !entry.includes('*');
  return ['error', {
    paths: groups.flatMap(([entries, message]) => entries.filter(isBareName).map((name) => ({ name, message }))),
    patterns: groups
      .map(([entries, message]) => ({ group: entries.filter((entry) => !isBareName(entry)), message }))
      .filter(({ group }) => group.length > 0),
  }];
}

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
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': forbid(
        [['**/electron/**', '**/renderer/**', 'electron', ...nodeBuiltins, ...nativeAndNodePackages],
          'shared/ is pure TypeScript that runs anywhere: it imports nothing of ours outside shared/ and no Node or Electron module.'],
      ),
    },
  },
  {
    files: ['electron/core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': forbid(
        [['electron', 'electron/*'], 'electron/core is plain Node: it must never import the electron module.'],
        [['**/electron/main/**', '**/electron/preload/**', '**/electron/host/**', '**/electron/cli/**', '**/main/**', '**/preload/**', '**/host/**', '**/cli/**'],
          'electron/core sits below main, preload, host and cli: it may not import them.'],
        [['**/renderer/**'], 'electron/core may not import the renderer.'],
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': forbid(
        [['**/electron/**', 'electron', ...nodeBuiltins, ...nativeAndNodePackages],
          'renderer/ runs in a sandboxed page: it may import shared/ and browser packages only, never Node or core code.'],
      ),
    },
  },
  {
    // "The contract is the only door": CLI commands call the core through the in-process API
    // client (electron/cli/output/commandSupport.ts), never its modules. `remo sim` starts the
    // simulator (no core) and `remo web` serves the API itself.
    files: ['electron/cli/**/*.{ts,tsx}'],
    ignores: ['electron/cli/commands/sim.ts', 'electron/cli/commands/web.ts', 'electron/cli/startSimulatorOnDefaultPort.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [['store', 'runs', 'engine', 'exchange', 'datasets', 'projections', 'timeline', 'compare', 'llm', 'net']
          .flatMap((module) => [`**/core/${module}`, `**/core/${module}/**`]),
          'the CLI reaches the core through the API contract only (withApi in electron/cli/output/commandSupport.ts); it may import core/api and core/composition.'],
      ),
    },
  },
  {
    files: ['electron/preload/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': forbid(
        [['**/electron/core/**', '**/core/**', '**/renderer/**', ...nativeAndNodePackages],
          'the preload is a keyhole: it may import electron and shared/ only.'],
      ),
    },
  },
);
