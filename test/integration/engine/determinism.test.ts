import { describe, expect, it } from 'vitest';
import { createRun, executeRun } from '../../../electron/core/engine';
import { comparable, createEngineWorld, smallEngineConfig } from './engineTestKit';

/** Runs one config in a fresh database and simulator; returns its events without timings. */
async function runOnce(overrides: Record<string, unknown>) {
  // Jitter makes replies complete out of order under concurrency.
  const world = await createEngineWorld({ seed: 7, latencyMs: 3, jitterMs: 10 });
  try {
    const config = smallEngineConfig(world.simulator.url, overrides);
    const deps = world.deps(config);
    const { runId } = await createRun(deps, config);
    expect((await executeRun(deps, runId)).status).toBe('completed');
    const events = world.store.readStream(runId);
    // The simulator's port differs between worlds: drop it from the recorded config.
    const first = events[0]!.data as { config: { endpoints: { baseURL: string }[] } };
    for (const e of first.config.endpoints) e.baseURL = 'http://sim';
    return { events: comparable(events), maxInFlight: world.simulator.stats().maxInFlight };
  } finally {
    await world.dispose();
  }
}

describe('determinism across concurrency', () => {
  it.each(['remo', 'textgrad'])('%s: the same events in the same order at endpoint concurrency 1 and 16', async (method) => {
    const common = { method, critiqueScope: 'all', validationGate: true, qCadence: method === 'remo' ? 'minibatch' : 'epoch' };
    const serial = await runOnce({ ...common, concurrency: 1, parallelism: 1 });
    const parallel = await runOnce({ ...common, concurrency: 16, parallelism: 32 });
    expect(serial.maxInFlight).toBe(1);
    expect(parallel.maxInFlight).toBeGreaterThan(1);
    // The configs differ only in concurrency knobs; everything after RunStarted must be identical.
    expect(parallel.events.slice(1)).toEqual(serial.events.slice(1));
    expect(parallel.events.length).toBeGreaterThan(50);
  });
});
