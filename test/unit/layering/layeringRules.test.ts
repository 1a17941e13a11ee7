import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering check is the lint config itself; these cases lint virtual files placed in each layer,
// so a config edit that loosens a rule (or makes it over-match our own folders) fails here.
const eslint = new ESLint({ cwd: process.cwd() });

/** Lints `import <clause> from '<module>'` as the file at `filePath`; returns the layering messages. */
async function restrictedImports(filePath: string, module: string, clause: string): Promise<string[]> {
  const source = `import ${clause} from '${module}';\nexport const probe = ${clause.replace(/[{} ]/g, '')};\n`;
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering rules', () => {
  it.each([
    ['shared/probe.ts', 'events', '{ EventEmitter }'],
    ['shared/probe.ts', 'node:fs', '{ readFileSync }'],
    ['shared/probe.ts', '../electron/core/store/openStore', '{ openStore }'],
    ['shared/probe.ts', 'better-sqlite3', 'Database'],
    ['electron/core/probe.ts', 'electron', '{ app }'],
    ['electron/core/probe.ts', '../host/startHost', '{ startHost }'],
    ['renderer/probe.ts', 'path', '{ join }'],
    ['renderer/probe.ts', 'ws', '{ WebSocket }'],
    ['renderer/probe.ts', '../electron/core/composition/createCore', '{ createCore }'],
    ['electron/preload/probe.ts', '../core/store/openStore', '{ openStore }'],
    ['electron/cli/commands/probe.ts', '../../core/store/openDatabase', '{ openDatabase }'],
    ['electron/cli/commands/probe.ts', '../../core/exchange', '{ exportRunLines }'],
    ['electron/cli/output/probe.ts', '../../core/runs/createRunService', '{ createRunService }'],
  ])('%s refuses %s', async (filePath, module, clause) => {
    expect(await restrictedImports(filePath, module, clause)).toHaveLength(1);
  });

  it.each([
    ['shared/fold/probe.ts', '../events/run/runEventTypes', '{ RunEvent }'],
    ['renderer/store/probe.ts', '../../shared/events/run/runEventTypes', '{ RunEvent }'],
    ['electron/core/probe.ts', 'better-sqlite3', 'Database'],
    ['electron/main/probe.ts', 'electron', '{ app }'],
    ['electron/cli/output/probe.ts', '../../core/api', '{ createApiService }'],
    ['electron/cli/commands/probe.ts', '../../core/composition/demoConfig', '{ buildDemoConfig }'],
  ])('%s allows %s', async (filePath, module, clause) => {
    expect(await restrictedImports(filePath, module, clause)).toEqual([]);
  });
});
