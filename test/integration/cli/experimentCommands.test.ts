import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, smallConfig, type TestWorld } from '../runs/runFixtures';
import { loggedRequestsByRole, runEventCount, subtractCounts } from './loggedRequests';
import { lastJsonLine, runRemo, spawnRemo, waitUntil, writeJson } from './cliHarness';

interface RowJson { method: string; runs: string[]; wallSeconds: unknown; val: { mean: number | null; sd: number | null; ci: [number, number] | null }; test: { mean: number | null } }

function experimentFile(world: TestWorld, name: string): string {
  const { method: _m, seed: _s, name: _n, ...base } = smallConfig(world.simulator.url, { cache: false, epochs: 1 });
  return writeJson(join(world.dir, `${name}.json`), { name, base, grid: { methods: ['textgrad', 'remo-rag', 'remo-optimizer', 'remo'], seeds: [0, 1] } });
}

describe('remo experiment', () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await createTestWorld({ latencyMs: 60 });
  });
  afterAll(async () => {
    await world.dispose();
  });

  it('run --json ends with the aggregated rows; show reprints them; --dry-run writes nothing', async () => {
    const file = experimentFile(world, 'plain');
    const db = world.dbPath('plain.db');
    const dry = await runRemo(['experiment', 'run', file, '--db', db, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(lastJsonLine(dry.stdout)).toMatchObject({ dryRun: true, runs: 8, simulated: true });
    expect(runEventCount(db)).toBe(0);

    const result = await runRemo(['experiment', 'run', file, '--db', db, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/estimate: ~[\d,]+ model calls/);
    const json = lastJsonLine(result.stdout) as { experimentId: string; rows: RowJson[] };
    expect(json.experimentId).toMatch(/^x[0-9a-f]{8}$/);
    expect(json.rows.map((r) => r.method)).toEqual(['textgrad', 'remo-rag', 'remo-optimizer', 'remo']);
    for (const row of json.rows) {
      expect(row.runs).toHaveLength(2);
      expect(row.val.mean).not.toBeNull();
      expect(Object.keys(row.val)).toEqual(expect.arrayContaining(['mean', 'sd', 'ci']));
    }
    const shown = await runRemo(['experiment', 'show', json.experimentId, '--db', db, '--json']);
    expect(shown.code).toBe(0);
    expect((lastJsonLine(shown.stdout) as { rows: RowJson[] }).rows).toEqual(json.rows);
    const missing = await runRemo(['experiment', 'show', 'xnope', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no experiment xnope/);
  }, 120_000);

  it('killed mid-experiment, `experiment resume` completes it with no logged call redone and the same table', async () => {
    const file = experimentFile(world, 'killed');
    const reference = await runRemo(['experiment', 'run', file, '--db', world.dbPath('reference.db'), '--json']);
    expect(reference.code, reference.stderr).toBe(0);
    const referenceRows = (lastJsonLine(reference.stdout) as { rows: RowJson[] }).rows;

    world.simulator.resetStats();
    const db = world.dbPath('killed.db');
    const victim = spawnRemo(['experiment', 'run', file, '--db', db]);
    await waitUntil(() => runEventCount(db) > 80, 60_000, 20);
    victim.child.kill('SIGKILL');
    expect((await victim.done).signal).toBe('SIGKILL');
    const atKill = { sent: { ...world.simulator.stats().byRole }, logged: loggedRequestsByRole(db) };

    const listed = lastJsonLine((await runRemo(['experiment', 'list', '--db', db, '--json'])).stdout) as unknown as Array<{ experimentId: string; status: string; completed: number }>;
    expect(listed).toHaveLength(1);
    expect(listed[0]!.status).toBe('incomplete');
    expect(listed[0]!.completed).toBeLessThan(8);

    const resumed = await runRemo(['experiment', 'resume', listed[0]!.experimentId, '--db', db, '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const rows = (lastJsonLine(resumed.stdout) as { rows: RowJson[] }).rows;

    const final = { sent: world.simulator.stats().byRole, logged: loggedRequestsByRole(db) };
    // What the resuming process sent is exactly what it logged: nothing logged before the kill was asked again.
    expect(subtractCounts(final.sent, atKill.sent)).toEqual(subtractCounts(final.logged, atKill.logged));
    // Same numbers as the uninterrupted experiment: accuracies, calls, tokens (run ids and wall times differ).
    const comparable = (list: RowJson[]) => list.map(({ runs: _r, wallSeconds: _w, ...rest }) => rest);
    expect(comparable(rows)).toEqual(comparable(referenceRows));
  }, 180_000);
});
