import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/composition/createCore';
import { buildDemoConfig } from '../../../electron/core/composition/demoConfig';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import { runRemo, tempDir } from '../cli/cliHarness';
import { corpusPath, expectClearMessage, loadManifest, patternOf, sha256File } from './badInputHarness';

interface DatabaseCase {
  id: string;
  file?: string;
  generate?: keyof typeof GENERATORS;
  expect: string;
}

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

/** Deterministic bytes (xorshift32), so a failing case can be regenerated exactly. */
function seededBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

function editCopy(good: string, target: string, sql: string): void {
  copyFileSync(good, target);
  const db = new Database(target);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/** Each writes the damaged "database" at `target`, from the good database at `good`. */
const GENERATORS = {
  'zero-bytes': (_good: string, target: string) => writeFileSync(target, ''),
  'random-bytes': (_good: string, target: string) => writeFileSync(target, seededBytes(8192, 0x5eed)),
  'truncated-copy': (good: string, target: string) => {
    const bytes = readFileSync(good);
    writeFileSync(target, bytes.subarray(0, Math.floor(bytes.length / 2)));
  },
  directory: (_good: string, target: string) => mkdirSync(target),
  'newer-schema': (good: string, target: string) =>
    editCopy(good, target, "INSERT INTO schema_migrations (id, name, applied_at) VALUES (9999, 'from_a_newer_build', '2030-01-01T00:00:00.000Z')"),
  'foreign-sqlite': (_good: string, target: string) => {
    const db = new Database(target);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('someone else''s data')");
    db.close();
  },
  'wrong-application-id': (good: string, target: string) => editCopy(good, target, 'PRAGMA application_id = 1'),
  'sqlite-header-garbage': (_good: string, target: string) => writeFileSync(target, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), seededBytes(4096 - 16, 0xbad)])),
} satisfies Record<string, (good: string, target: string) => void>;

/** What must not change: the file's bytes (or that it is an empty folder) and the folder's listing. */
function snapshot(target: string): { listing: string[]; content: string } {
  const folder = path.dirname(target);
  const listing = readdirSync(folder).sort();
  if (!existsSync(target)) return { listing, content: 'missing' };
  const content = statSync(target).isDirectory() ? `directory [${readdirSync(target).join(',')}]` : sha256File(target);
  return { listing, content };
}

const cases = loadManifest<DatabaseCase>('databases');

describe('bad database files: read-only CLI commands refuse them and leave them as they were (spawned CLI)', { timeout: 240_000 }, () => {
  let work: { dir: string; cleanup: () => void };
  let good: string;

  beforeAll(async () => {
    work = tempDir('remo-baddb-');
    good = path.join(work.dir, 'good.db');
    const simulator = await startSimulator({ seed: 0, latencyMs: 0 });
    try {
      const core = await createCore({ dbPath: good });
      const { runId } = await core.runs.start({ ...buildDemoConfig({ method: 'remo', size: 'tiny', seed: 0, simulatorUrl: simulator.url }), name: 'good', epochs: 1 });
      const run = await core.runs.waitForRun(runId);
      if (run.status !== 'completed') throw new Error(`the good database's run ended ${run.status}`);
      await core.close();
    } finally {
      await simulator.stop();
    }
    // Closing the only connection checkpoints the WAL: the .db file alone is the whole database.
    expect(existsSync(`${good}-wal`)).toBe(false);
  }, 120_000);
  afterAll(() => work?.cleanup());

  it('the corpus has at least 6 database cases; the good database opens', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
    const result = await runRemo(['verify', '--db', good]);
    expect(result.stdout).toMatch(/^ok \d+ events/);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, testCase) => {
    const folder = path.join(work.dir, testCase.id);
    mkdirSync(folder);
    const target = path.join(folder, 'remo.db');
    if (testCase.generate) GENERATORS[testCase.generate](good, target);
    else copyFileSync(corpusPath('databases', testCase.file!), target);
    const before = snapshot(target);

    const [runs, verify] = await Promise.all([runRemo(['runs', '--json', '--db', target]), runRemo(['verify', '--db', target])]);
    for (const [name, result] of [['remo runs', runs], ['remo verify', verify]] as const) {
      expect([1, 2], `${name} exit code; stdout: ${result.stdout.slice(0, 300)}; stderr: ${result.stderr.slice(0, 300)}`).toContain(result.code);
      expectClearMessage(result.stderr, patternOf(testCase.expect), `${name} stderr`);
      expect(result.stdout, `${name} stdout`).not.toMatch(/\n\s+at\s/);
    }
    expect(snapshot(target)).toEqual(before);
  });
});
