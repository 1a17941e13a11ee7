import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering check is the lint config itself; these cases lint virtual files placed in each layer,
// so a config edit that loosens a rule (or makes it over-match our own folders) fails here.
const eslint = new ESLint({ cwd: process.cwd() });

/** Lints `import { binding } from 'module'` (or a default import) as the file at `filePath`. */
async function restrictedImports(filePath: string, module: string, binding: string): Promise<string[]> {
  const imported = binding.startsWith('default ') ? binding.slice('default '.length) : `{ ${binding} }`;
  const name = imported.replace(/[{} ]/g, '');
  const source = `import ${imported} from '${module}';\nexport const probe = ${name};\n`;
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering rules', () => {
  it.each([
    ['shared/probe.ts', 'events', 'EventEmitter'],
    ['shared/probe.ts', 'node:fs', 'readFileSync'],
    ['shared/probe.ts', '../electron/core/store/openStore', 'openStore'],
    ['shared/probe.ts', 'better-sqlite3', 'default Database'],
    ['electron/core/probe.ts', 'electron', 'app'],
    ['electron/core/probe.ts', '../host/startHost', 'startHost'],
    ['renderer/probe.ts', 'path', 'join'],
    ['renderer/probe.ts', 'ws', 'WebSocket'],
    ['renderer/probe.ts', '../electron/core/composition/createCore', 'createCore'],
    ['electron/preload/probe.ts', '../core/store/openStore', 'openStore'],
  ])('%s refuses %s', async (filePath, module, binding) => {
    expect(await restrictedImports(filePath, module, binding)).toHaveLength(1);
  });

  it.each([
    ['shared/fold/probe.ts', '../events/run/runEventTypes', 'RunEvent'],
    ['renderer/store/probe.ts', '../../shared/events/run/runEventTypes', 'RunEvent'],
    ['electron/core/probe.ts', 'better-sqlite3', 'default Database'],
    ['electron/main/probe.ts', 'electron', 'app'],
  ])('%s allows %s', async (filePath, module, binding) => {
    expect(await restrictedImports(filePath, module, binding)).toEqual([]);
  });
});
