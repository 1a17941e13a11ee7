import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { createTestWorld, smallConfig, type TestWorld } from '../runs/runFixtures';
import { lastJsonLine, runRemo, spawnRemo, waitUntil, writeJson } from './cliHarness';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

interface LoggedCall {
  role: string;
  cached: boolean;
  endpoint: string;
}

/** Non-cached, non-local calls per role recorded in the log: each one was a request to the simulator. */
function loggedRequestsByRole(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const counts: Record<string, number> = {};
    for (const row of db.prepare('SELECT data FROM events').iterate() as Iterable<{ data: string }>) {
      const calls = (JSON.parse(row.data) as { calls?: LoggedCall[] }).calls ?? [];
      for (const call of calls) {
        if (call.cached || call.endpoint === 'builtin:lexical') continue;
        counts[call.role] = (counts[call.role] ?? 0) + 1;
      }
    }
    return counts;
  } finally {
    db.close();
  }
}

function eventCount(dbPath: string): number {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

const subtract = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.keys({ ...a, ...b }).map((role) => [role, (a[role] ?? 0) - (b[role] ?? 0)]).filter(([, n]) => n !== 0));

describe('remo run killed with SIGKILL, then remo resume', () => {
  let world: TestWorld;

  beforeAll(async () => {
    world = await createTestWorld({ latencyMs: 80 });
  });
  afterAll(async () => {
    await world.dispose();
  });

  it('completes the run without redoing any logged call, and matches an uninterrupted run', async () => {
    const config = writeJson(join(world.dir, 'run.json'), smallConfig(world.simulator.url, { cache: false }));

    // Reference: the same config, uninterrupted, in its own database.
    world.simulator.resetStats();
    const reference = await runRemo(['run', '--config', config, '--db', world.dbPath('reference.db'), '--json']);
    expect(reference.code).toBe(0);
    const referenceJson = lastJsonLine(reference.stdout);
    const referenceRequests = world.simulator.stats().byRole;

    // The victim: killed once the log holds a few phases.
    world.simulator.resetStats();
    const db = world.dbPath('killed.db');
    const victim = spawnRemo(['run', '--config', config, '--db', db]);
    await waitUntil(() => eventCount(db) > 30, 60_000, 20);
    victim.child.kill('SIGKILL');
    const killed = await victim.done;
    expect(killed.signal).toBe('SIGKILL');

    const atKill = { sent: { ...world.simulator.stats().byRole }, logged: loggedRequestsByRole(db) };
    const listed = lastJsonLine((await runRemo(['runs', '--db', db, '--json'])).stdout) as unknown as Array<{ runId: string; status: string }>;
    expect(listed).toHaveLength(1);
    expect(listed[0]!.status).toBe('interrupted');
    const runId = listed[0]!.runId;

    const resumed = await runRemo(['resume', runId, '--db', db, '--json']);
    expect(resumed.code).toBe(0);
    const resumedJson = lastJsonLine(resumed.stdout);
    expect(resumedJson.status).toBe('completed');

    const final = { sent: world.simulator.stats().byRole, logged: loggedRequestsByRole(db) };
    // Every request the resumed process sent is a call it logged: nothing logged before the kill was sent again.
    expect(subtract(final.sent, atKill.sent)).toEqual(subtract(final.logged, atKill.logged));
    // Requests in flight at the kill were never logged; they are the only extra ones.
    for (const [role, n] of Object.entries(atKill.logged)) expect(atKill.sent[role] ?? 0).toBeGreaterThanOrEqual(n);
    // And the log is the log of an uninterrupted run: same calls per role, same results.
    expect(final.logged).toEqual(referenceRequests);
    expect(resumedJson).toMatchObject({ llmCalls: referenceJson.llmCalls, val: referenceJson.val, test: referenceJson.test, seedVal: referenceJson.seedVal });
  }, 120_000);
});
