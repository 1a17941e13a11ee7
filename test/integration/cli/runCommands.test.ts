import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, smallConfig, type TestWorld } from '../runs/runFixtures';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { lastJsonLine, runRemo, spawnRemo, waitUntil, writeJson } from './cliHarness';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

/** The first run id in a database file, read-only; undefined while the file or its first event is missing. */
function firstStreamId(dbPath: string): string | undefined {
  if (!existsSync(dbPath)) return undefined;
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT stream_id FROM events ORDER BY global_position LIMIT 1').get() as { stream_id: string } | undefined)?.stream_id;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

const RESULT_KEYS = ['runId', 'status', 'method', 'seedVal', 'seedTest', 'val', 'test', 'testPromptOnly', 'llmCalls', 'promptTokens', 'completionTokens', 'wallSeconds'];

describe('remo run / resume / pause / fork / runs / show / compare (spawned CLI)', { timeout: 90_000 }, () => {
  let world: TestWorld;
  let db: string;
  let completedRunId: string;

  beforeAll(async () => {
    world = await createTestWorld({ latencyMs: 5 });
    db = world.dbPath('cli.db');
  });
  afterAll(async () => {
    await world.dispose();
  });

  it('runs a config; with --json the last stdout line has every result key', async () => {
    const config = writeJson(join(world.dir, 'run.json'), smallConfig(world.simulator.url, { method: 'textgrad' }));
    const result = await runRemo(['run', '--config', config, '--db', db, '--json']);
    expect(result.stderr).toContain('progress');
    expect(result.code).toBe(0);
    const json = lastJsonLine(result.stdout);
    for (const key of RESULT_KEYS) expect(json).toHaveProperty(key);
    expect(json).toMatchObject({ status: 'completed', method: 'textgrad', simulated: true });
    expect(json.llmCalls as number).toBeGreaterThan(0);
    completedRunId = json.runId as string;
  });

  it('refuses a bad config with exit 2, naming the field, and leaves the database untouched', async () => {
    const before = statSync(db).mtimeMs;
    const bytes = readFileSync(db);
    const bad = writeJson(join(world.dir, 'bad.json'), smallConfig(world.simulator.url, { batchSize: 0 }));
    const result = await runRemo(['run', '--config', bad, '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/batchSize/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(statSync(db).mtimeMs).toBe(before);
    expect(readFileSync(db).equals(bytes)).toBe(true);

    const withKey = smallConfig(world.simulator.url);
    (withKey.endpoints as Array<Record<string, unknown>>)[0]!.apiKey = 'sk-secret';
    const keyed = await runRemo(['run', '--config', writeJson(join(world.dir, 'key.json'), withKey), '--db', join(world.dir, 'fresh.db')]);
    expect(keyed.code).toBe(2);
    expect(keyed.stderr).toMatch(/apiKeyEnv/);
    expect(existsSync(join(world.dir, 'fresh.db'))).toBe(false);

    const missing = await runRemo(['run', '--config', join(world.dir, 'nope.json'), '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
  });

  it('refuses to read from a database that does not exist, and does not create it', async () => {
    const absent = join(world.dir, 'typo.db');
    for (const args of [['runs'], ['show', 'r-1'], ['resume', 'r-1'], ['pause', 'r-1'], ['compare', 'r-1'], ['export', 'r-1'], ['fork', 'r-1', '--epoch', '1']]) {
      const result = await runRemo([...args, '--db', absent]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim()).toBe(`remo: no database at ${absent} (runs are created by \`remo run\`, \`remo demo\` or \`remo import\`)`);
      expect(existsSync(absent)).toBe(false);
    }
  });

  it('pauses a run from another process, then resumes it to completion', { timeout: 90_000 }, async () => {
    // Slow enough (about 25 s uninterrupted) that the pause lands mid-run even on a busy machine.
    const slow = await createTestWorld({ latencyMs: 150 });
    try {
      const slowDb = slow.dbPath('pause.db');
      const config = writeJson(join(slow.dir, 'run.json'), smallConfig(slow.simulator.url, { epochs: 3, stepsPerEpoch: 3, split: { train: 9, val: 40, test: 40 } }));
      const running = spawnRemo(['run', '--config', config, '--db', slowDb, '--json']);
      // Poll the file directly (cheap) rather than by spawning `remo runs`, which is slow on a loaded machine.
      let runId = '';
      await waitUntil(() => {
        runId = firstStreamId(slowDb) ?? '';
        return runId !== '' && slow.simulator.stats().requests > 10;
      }, 60_000, 50);
      const pause = await runRemo(['pause', runId, '--db', slowDb]);
      expect(pause.stdout + pause.stderr).toMatch(/pause requested/);
      expect(pause.code).toBe(0);
      expect(pause.stdout).toMatch(/pause requested/);
      const paused = await running.done;
      expect(paused.code).toBe(3);
      expect(lastJsonLine(paused.stdout)).toMatchObject({ runId, status: 'paused' });

      const resumed = await runRemo(['resume', runId, '--db', slowDb, '--json']);
      expect(resumed.code).toBe(0);
      expect(lastJsonLine(resumed.stdout)).toMatchObject({ runId, status: 'completed' });
    } finally {
      await slow.dispose();
    }
  });

  it('pauses cleanly on Ctrl-C (SIGINT) and says how to resume', { timeout: 90_000 }, async () => {
    const slow = await createTestWorld({ latencyMs: 150 });
    try {
      const slowDb = slow.dbPath('sigint.db');
      const config = writeJson(join(slow.dir, 'run.json'), smallConfig(slow.simulator.url, { epochs: 3, split: { train: 9, val: 40, test: 40 } }));
      const running = spawnRemo(['run', '--config', config, '--db', slowDb, '--json']);
      await waitUntil(() => slow.simulator.stats().requests > 20, 30_000, 50);
      running.child.kill('SIGINT');
      const paused = await running.done;
      expect(paused.code).toBe(3);
      expect(paused.stderr).toMatch(/pausing .* at the next safe point/);
      expect(paused.stderr).toMatch(/remo resume/);
      const json = lastJsonLine(paused.stdout);
      expect(json.status).toBe('paused');
      const list = lastJsonLine((await runRemo(['runs', '--db', slowDb, '--json'])).stdout) as unknown as Array<{ status: string }>;
      expect(list[0]!.status).toBe('paused');
    } finally {
      await slow.dispose();
    }
  });

  it('forks a run at an epoch with --set overrides', async () => {
    const result = await runRemo(['fork', completedRunId, '--epoch', '1', '--set', 'epochs=3', '--set', 'name=forked', '--db', db, '--json']);
    expect(result.code).toBe(0);
    const json = lastJsonLine(result.stdout);
    expect(json).toMatchObject({ status: 'completed', parentRunId: completedRunId, epochsPlanned: 3, name: 'forked' });
    const bad = await runRemo(['fork', completedRunId, '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--epoch/);
  });

  it('lists, shows and compares runs as JSON and as tables', async () => {
    const list = await runRemo(['runs', '--db', db, '--json']);
    const runs = lastJsonLine(list.stdout) as unknown as Array<{ runId: string; status: string }>;
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.every((r) => r.status === 'completed')).toBe(true);

    const show = await runRemo(['show', completedRunId, '--epoch', '1', '--db', db, '--json']);
    expect(show.code).toBe(0);
    const state = lastJsonLine(show.stdout) as Record<string, unknown> & { prompt: { text: string }; metrics: unknown[] };
    expect(state).toMatchObject({ runId: completedRunId, epoch: 1 });
    expect(state.prompt.text.length).toBeGreaterThan(0);
    expect(state).toHaveProperty('notebookSize');
    expect(state).toHaveProperty('optimizerInstructions');

    const ids = runs.map((r) => r.runId);
    const compare = await runRemo(['compare', ...ids, '--db', db, '--json']);
    const report = lastJsonLine(compare.stdout) as unknown as { runs: Array<Record<string, unknown>>; pairs: Array<Record<string, unknown>> };
    const rows = report.runs;
    expect(rows.map((r) => r.runId)).toEqual(ids);
    for (const key of ['valCI', 'testCI', 'usageByRole']) expect(rows[0]).toHaveProperty(key);
    expect(report.pairs.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(report.pairs[0]!).sort()).toEqual(['a', 'b', 'mcnemarP', 'rightToWrong', 'sharedItems', 'wrongToRight']);
    expect(rows[0]).toMatchObject({ trainSize: 9, simulated: true });
    for (const key of ['seedVal', 'seedTest', 'val', 'test', 'gap', 'llmCalls', 'wallSeconds', 'epochs']) expect(rows[0]).toHaveProperty(key);

    const table = await runRemo(['compare', ...ids, '--db', db]);
    expect(table.stdout).toMatch(/train size/);
    expect(table.stdout).toMatch(/test 95% CI/);
    expect(table.stdout).toMatch(/exact McNemar/);
    expect(table.stdout).toMatch(/SIMULATOR/);

    const unknown = await runRemo(['show', 'no-such-run', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no run/);
  });

  it('exports a run and imports it into a fresh database; a corrupted file changes nothing', async () => {
    const file = join(world.dir, 'run.jsonl');
    const exported = await runRemo(['export', completedRunId, '--db', db]);
    expect(exported.code).toBe(0);
    writeFileSync(file, exported.stdout);
    const fresh = join(world.dir, 'imported.db');
    const imported = await runRemo(['import', file, '--db', fresh, '--json']);
    expect(imported.code).toBe(0);
    expect(lastJsonLine(imported.stdout)).toMatchObject({ runId: completedRunId, alreadyPresent: 0 });
    const again = await runRemo(['import', file, '--db', fresh]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already in this database/);

    const a = lastJsonLine((await runRemo(['show', completedRunId, '--db', db, '--json', '--notebook'])).stdout);
    const b = lastJsonLine((await runRemo(['show', completedRunId, '--db', fresh, '--json', '--notebook'])).stdout);
    expect(b).toEqual(a);

    const corrupted = join(world.dir, 'corrupted.jsonl');
    const lines = exported.stdout.trimEnd().split('\n');
    writeFileSync(corrupted, lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n');
    const other = join(world.dir, 'other.db');
    const refused = await runRemo(['import', corrupted, '--db', other]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/announces/);
    expect(lastJsonLine((await runRemo(['runs', '--db', other, '--json'])).stdout)).toEqual([]);
  });
});
