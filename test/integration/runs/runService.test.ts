import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/composition/createCore';
import type { StoredEvent } from '../../../shared/events/envelope';
import { createTestWorld, smallConfig, type TestWorld } from './runFixtures';

describe('RunService over the engine (real SQLite, simulator over loopback)', { timeout: 90_000 }, () => {
  let world: TestWorld;
  const cores: Core[] = [];
  const open = async (name?: string): Promise<Core> => {
    const core = await createCore({ dbPath: world.dbPath(name) });
    cores.push(core);
    return core;
  };

  beforeEach(async () => {
    world = await createTestWorld({ latencyMs: 5 });
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    await world.dispose();
  });

  it('starts a run in the background, pushes its events, and completes it', async () => {
    const core = await open();
    const pushed: StoredEvent[] = [];
    core.runs.subscribe((events) => pushed.push(...events));
    const { runId } = await core.runs.start(smallConfig(world.simulator.url));
    expect(core.runs.activeRunIds()).toContain(runId);
    const summary = await core.runs.waitForRun(runId);
    expect(summary.status).toBe('completed');
    expect(summary.method).toBe('remo');
    expect(summary.simulated).toBe(true);
    expect(summary.test).not.toBeNull();
    expect(summary.usage.calls).toBeGreaterThan(0);
    expect(core.runs.list().map((s) => s.runId)).toEqual([runId]);
    expect(pushed.length).toBe(core.runs.events(runId).length);
    expect(core.runs.events(runId, { afterPosition: 2, limit: 3 }).map((e) => e.globalPosition)).toEqual([3, 4, 5]);
    expect(core.runs.activeRunIds()).toEqual([]);
  });

  it('rejects a config with an inline API key, naming apiKeyEnv, and writes nothing', async () => {
    const core = await open();
    const config = smallConfig(world.simulator.url);
    (config.endpoints as Array<Record<string, unknown>>)[0]!.apiKey = 'sk-secret';
    await expect(core.runs.start(config)).rejects.toThrow(/apiKeyEnv/);
    await expect(core.runs.start({ ...smallConfig(world.simulator.url), batchSize: 0 })).rejects.toThrow(/batchSize/);
    expect(core.store.lastGlobalPosition()).toBe(0);
  });

  it('pauses at a safe point when asked from another connection (run_control), then resumes to completion', async () => {
    const runner = await open();
    const other = await open();
    const { runId } = await runner.runs.start(smallConfig(world.simulator.url));
    // Wait for some progress, then ask through the other connection, as `remo pause` would.
    await new Promise<void>((resolve) => {
      const off = runner.store.subscribe((events) => {
        if (events.some((e) => e.type === 'EvaluationCompleted')) {
          off();
          resolve();
        }
      });
    });
    expect(other.runs.summary(runId).status).toBe('running');
    other.runs.requestPause(runId);
    const paused = await runner.runs.waitForRun(runId);
    expect(paused.status).toBe('paused');
    expect(other.runs.summary(runId).status).toBe('paused');

    await other.runs.resume(runId);
    // resume resolves once RunResumed is committed: a client reading the run next sees it running.
    expect(other.runs.summary(runId).status).toBe('running');
    const done = await other.runs.waitForRun(runId);
    expect(done.status).toBe('completed');
  });

  it('refuses to resume a run another live executor holds', async () => {
    const runner = await open();
    const other = await open();
    const { runId } = await runner.runs.start(smallConfig(world.simulator.url));
    await expect(other.runs.resume(runId)).rejects.toMatchObject({ name: 'RunBusyError' });
    runner.runs.requestStop(runId);
    const stopped = await runner.runs.waitForRun(runId);
    expect(stopped.status).toBe('stopped');
    await expect(other.runs.resume(runId)).rejects.toMatchObject({ name: 'RunStateError' });
  });

  it('forks a completed run at an epoch with overrides and runs the fork', async () => {
    const core = await open();
    const { runId } = await core.runs.start(smallConfig(world.simulator.url));
    await core.runs.waitForRun(runId);
    const { runId: forkId } = await core.runs.fork(runId, { epoch: 1 }, { epochs: 3 });
    const fork = await core.runs.waitForRun(forkId);
    expect(fork.status).toBe('completed');
    expect(fork.parentRunId).toBe(runId);
    expect(fork.epochsPlanned).toBe(3);
    expect(core.runs.stateAt(forkId, 'end').metrics.length).toBeGreaterThanOrEqual(3);
  });
});
