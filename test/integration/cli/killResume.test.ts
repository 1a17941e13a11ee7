import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, smallConfig, type TestWorld } from '../runs/runFixtures';
import { loggedRequestsByRole, runEventCount, subtractCounts } from './loggedRequests';
import { lastJsonLine, runRemo, spawnRemo, waitUntil, writeJson } from './cliHarness';

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
    await waitUntil(() => runEventCount(db) > 30, 60_000, 20);
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
    expect(subtractCounts(final.sent, atKill.sent)).toEqual(subtractCounts(final.logged, atKill.logged));
    // Requests in flight at the kill were never logged; they are the only extra ones.
    for (const [role, n] of Object.entries(atKill.logged)) expect(atKill.sent[role] ?? 0).toBeGreaterThanOrEqual(n);
    // And the log is the log of an uninterrupted run: same calls per role, same results.
    expect(final.logged).toEqual(referenceRequests);
    expect(resumedJson).toMatchObject({ llmCalls: referenceJson.llmCalls, val: referenceJson.val, test: referenceJson.test, seedVal: referenceJson.seedVal });
  }, 120_000);
});
