import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering check is the lint config itself; these cases lint virtual files placed in each layer,
// so a config edit that loosens a rule (or makes it over-match our own folders) fails here.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering rules', () => {
  it.each([
    ['shared/probe.ts', "import { EventEmitter } from 'events';\nexport const x = EventEmitter;\n"],
    ['shared/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['shared/probe.ts', "import { openStore } from '../electron/core/store/openStore';\nexport const x = openStore;\n"],
    ['shared/probe.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n"],
    ['electron/core/probe.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/core/probe.ts', "import { startHost } from '../host/startHost';\nexport const x = startHost;\n"],
    ['renderer/probe.ts', "import { join } from 'path';\nexport const x = join;\n"],
    ['renderer/probe.ts', "import { WebSocket } from 'ws';\nexport const x = WebSocket;\n"],
    ['renderer/probe.ts', "import { createCore } from '../electron/core/composition/createCore';\nexport const x = createCore;\n"],
    ['electron/preload/probe.ts', "import { openStore } from '../core/store/openStore';\nexport const x = openStore;\n"],
  ])('%s refuses: %s', async (filePath, source) => {
    expect(await restrictedImports(filePath, source)).toHaveLength(1);
  });

  it.each([
    ['shared/fold/probe.ts', "import type { RunEvent } from '../events/run/runEventTypes';\nexport type X = RunEvent;\n"],
    ['renderer/store/probe.ts', "import type { RunEvent } from '../../shared/events/run/runEventTypes';\nexport type X = RunEvent;\n"],
    ['electron/core/probe.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n"],
    ['electron/main/probe.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ])('%s allows: %s', async (filePath, source) => {
    expect(await restrictedImports(filePath, source)).toEqual([]);
  });
});
