import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering check is the lint config itself (eslint-plugin-boundaries, an allow-list per layer).
// These cases lint virtual files placed in each layer; the modules they import are real files or
// packages, so each probe exercises the same resolution as the code. A config edit that loosens an
// allow-list, drops the rule, or stops recognising a layer fails here.
const eslint = new ESLint({ cwd: process.cwd() });
const RULE = 'boundaries/dependencies';

/** Every message ESLint reports for `source` linted as the file at `filePath` (all rules). */
async function lint(filePath: string, source: string): Promise<Array<[string | null, string]>> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).map((m) => [m.ruleId, m.message]);
}

const importOf = (module: string) => `import * as probe from '${module}';\nexport { probe };\n`;

const PACKAGE = 'a package or Node builtin';
const layer = (name: string) => `the ${name} layer`;

// [importing file, imported module, what the rule must say the import is]
const forbidden: Array<[string, string, string]> = [
  // Sibling layers above core never import each other.
  ['electron/cli/probe.ts', '../main/appOrigin', layer('main')],
  ['electron/cli/probe.ts', '../host/webCommand', layer('host')],
  ['electron/main/probe.ts', '../host/startWebHost', layer('host')],
  ['electron/main/probe.ts', '../cli/usageError', layer('cli')],
  ['electron/host/probe.ts', '../main/appOrigin', layer('main')],
  ['electron/host/probe.ts', '../cli/usageError', layer('cli')],
  // Nor does anything below them import them.
  ['electron/core/probe.ts', '../host/startWebHost', layer('host')],
  ['electron/core/probe.ts', '../main/appOrigin', layer('main')],
  ['electron/core/probe.ts', '../cli/usageError', layer('cli')],
  ['electron/core/probe.ts', '../../renderer/appEvents', layer('renderer')],
  ['shared/probe.ts', '../electron/core/store/openDatabase', layer('core')],
  ['shared/probe.ts', '../renderer/appEvents', layer('renderer')],
  // Packages and builtins are allow-listed too: an unlisted one fails by default.
  ['electron/core/probe.ts', 'electron', PACKAGE],
  ['electron/core/probe.ts', 'zustand', PACKAGE],
  ['electron/core/probe.ts', 'react', PACKAGE],
  ['electron/core/probe.ts', 'left-pad', PACKAGE],
  ['electron/core/probe.ts', 'ws', PACKAGE],
  ['electron/host/probe.ts', 'electron', PACKAGE],
  ['electron/cli/probe.ts', 'electron', PACKAGE],
  ['electron/cli/probe.ts', 'tsx/esm/api', PACKAGE],
  ['electron/main/probe.ts', 'sqlite-vec', PACKAGE],
  ['shared/probe.ts', 'react', PACKAGE],
  ['shared/probe.ts', 'zustand', PACKAGE],
  ['shared/probe.ts', 'electron', PACKAGE],
  ['shared/probe.ts', 'node:fs', PACKAGE],
  // A bare builtin name, although shared/ has a folder of that name (shared/events).
  ['shared/probe.ts', 'events', PACKAGE],
  ['shared/probe.ts', 'better-sqlite3', PACKAGE],
  // The renderer is a sandboxed page.
  ['renderer/probe.ts', 'node:path', PACKAGE],
  ['renderer/probe.ts', 'path', PACKAGE],
  ['renderer/probe.ts', 'ws', PACKAGE],
  ['renderer/probe.ts', 'electron', PACKAGE],
  ['renderer/probe.ts', '../electron/core/composition/createCore', layer('core')],
  ['renderer/store/probe.ts', '../../electron/main/appOrigin', layer('main')],
  // The preload is a keyhole: electron and shared/api only.
  ['electron/preload/probe.ts', '../core/store/openDatabase', layer('core')],
  ['electron/preload/probe.ts', '../../shared/fold/foldRun', layer('shared')],
  ['electron/preload/probe.ts', 'node:fs', PACKAGE],
  // The contract is the CLI's only door to the core: only core/api and core/composition.
  ['electron/cli/commands/probe.ts', '../../core/store/openDatabase', layer('core')],
  ['electron/cli/commands/probe.ts', '../../core/exchange', layer('core')],
  ['electron/cli/output/probe.ts', '../../core/runs/createRunService', layer('core')],
  ['electron/cli/commands/probe.ts', '../../core/llm/simulator/startSimulator', layer('core')],
  // The launchers get their extra edges, and no others.
  ['electron/cli/remo.mjs', '../main/appOrigin.ts', layer('main')],
  ['electron/core/worker/coreWorker.mjs', '../../host/webCommand.ts', layer('host')],
];

const allowed: Array<[string, string]> = [
  ['electron/core/probe.ts', 'better-sqlite3'],
  ['electron/core/probe.ts', 'node:fs'],
  ['electron/core/probe.ts', '../../shared/fold/foldRun'],
  ['electron/main/probe.ts', 'electron'],
  ['electron/main/probe.ts', '../core/composition/createCore'],
  ['electron/main/probe.ts', '../../shared/api/ipcChannels'],
  ['electron/host/probe.ts', '../core/api'],
  ['electron/host/probe.ts', 'ws'],
  ['electron/host/probe.ts', 'commander'],
  ['electron/cli/output/probe.ts', '../../core/api'],
  ['electron/cli/commands/probe.ts', '../../core/composition/demoConfig'],
  ['electron/cli/commands/sim.ts', '../../core/llm/simulator/startSimulator'],
  ['electron/cli/probe.ts', 'cli-table3'],
  ['electron/preload/probe.ts', 'electron'],
  ['electron/preload/probe.ts', '../../shared/api/ipcChannels'],
  ['renderer/probe.ts', '../shared/api/ipcChannels'],
  ['renderer/store/probe.ts', '../../shared/events/run/runEventTypes'],
  ['renderer/probe.ts', 'react'],
  ['renderer/probe.ts', 'zustand'],
  ['shared/probe.ts', 'zod'],
  ['shared/probe.ts', '@noble/hashes/sha2'],
  ['shared/fold/probe.ts', '../events/run/runEventTypes'],
  ['electron/cli/remo.mjs', '../host/webCommand.ts'],
  ['electron/cli/remo.mjs', 'tsx/esm/api'],
  ['electron/core/worker/coreWorker.mjs', 'tsx/esm/api'],
];

describe('layering allow-list', () => {
  it.each(forbidden)('%s refuses %s', async (filePath, module, kind) => {
    expect(await lint(filePath, importOf(module))).toEqual([
      [RULE, `layering: '${module}' is not on the allow-list of the ${layerOf(filePath)} layer (it is ${kind}); see the policies in eslint.config.js`],
    ]);
  });

  it.each(allowed)('%s allows %s', async (filePath, module) => {
    expect(await lint(filePath, importOf(module))).toEqual([]);
  });

  it('checks re-exports, dynamic imports and require as well as imports', async () => {
    const refused = (module: string) => [[RULE, expect.stringContaining(`'${module}' is not on the allow-list of the cli layer`)]];
    expect(await lint('electron/cli/probe.ts', `export { APP_ENTRY_URL } from '../main/appOrigin';\n`)).toEqual(refused('../main/appOrigin'));
    expect(await lint('electron/cli/probe.ts', `export const probe = await import('../host/webCommand');\n`)).toEqual(refused('../host/webCommand'));
    expect(await lint('electron/cli/probe.ts', `declare const require: (id: string) => unknown;\nexport const probe = require('electron');\n`))
      .toEqual(refused('electron'));
  });

  it('refuses a relative import that resolves to nothing', async () => {
    expect(await lint('electron/core/probe.ts', importOf('./noSuchModule'))).toEqual([
      [RULE, expect.stringContaining('(it is a file in no layer)')],
    ]);
  });

  it('requires every file under electron/ to belong to a layer', async () => {
    expect(await lint('electron/newLayer/probe.ts', 'export const probe = 1;\n')).toEqual([
      ['boundaries/no-unknown-files', expect.any(String)],
    ]);
  });

  it('leaves tests and config files out of the layering', async () => {
    expect(await lint('test/unit/probe.ts', importOf('../../electron/main/appOrigin'))).toEqual([]);
    expect(await lint('probe.config.ts', importOf('node:path'))).toEqual([]);
  });
});

/** The layer a probe file sits in, as the config names it. */
function layerOf(filePath: string): string {
  const [top, second] = filePath.split('/');
  return top === 'electron' ? second! : top!;
}
