import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRun, executeRun, runSummary } from '../../../electron/core/engine';
import { loadRunState } from '../../../electron/core/engine/loadRunState';
import { checksumProjectionTables } from '../../../electron/core/projections/checksumProjectionTables';
import { rebuildProjections } from '../../../electron/core/projections/rebuildProjections';
import type { LoggedCall } from '../../../shared/events/run/callRecord';
import { createEngineWorld, smallEngineConfig, type EngineWorld } from './engineTestKit';

let world: EngineWorld;
beforeAll(async () => { world = await createEngineWorld(); });
afterAll(async () => { await world.dispose(); });

/** The config of a run whose only endpoint claims to be vLLM but is `remo sim`. */
const disguised = (url: string, overrides: Record<string, unknown> = {}) =>
  smallEngineConfig(url, {
    method: 'textgrad', epochs: 1,
    endpoints: [{ name: 'gpu', kind: 'vllm', baseURL: url, model: 'remo-simulator', concurrency: 8, timeoutMs: 30_000 }],
    ...overrides,
  });

const callsOf = (runId: string) => world.store.readStream(runId).flatMap((e) => (e.data as { calls?: LoggedCall[] }).calls ?? []);

describe('a run is labelled simulated by who answered its calls', () => {
  it('a vllm-kind endpoint pointed at the simulator: every call record carries its fingerprint and the run is simulated', async () => {
    const config = disguised(world.simulator.url);
    const deps = world.deps(config);
    const { runId } = await createRun(deps, config);
    expect(world.store.readStream(runId)[0]!.data).toMatchObject({ simulated: false }); // the config alone says "real"
    expect((await executeRun(deps, runId)).status).toBe('completed');

    const calls = callsOf(runId);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((call) => call.fingerprint === 'remo-simulator')).toBe(true);
    expect(runSummary(world.store.db, runId).simulated).toBe(true);
    expect(loadRunState(world.store.readStream.bind(world.store), runId).simulated).toBe(true);

    // The label is a projection of the log: a rebuild gives the same tables.
    const projections = world.store.projections;
    const before = checksumProjectionTables(world.store.db, projections);
    rebuildProjections(world.store.db, world.store, projections);
    expect(checksumProjectionTables(world.store.db, projections)).toBe(before);
    expect(runSummary(world.store.db, runId).simulated).toBe(true);
  });

  it('new endpoints keep the label once the simulator answered, and drop a label no simulated call backs', async () => {
    const reconfigure = (runId: string, simulated: boolean) => {
      const config = (world.store.readStream(runId)[0]!.data as { config: Record<string, unknown> }).config;
      world.store.append(runId, [{ type: 'RunReconfigured', data: { overrides: {}, config, simulated } }], { expectedVersion: world.store.streamVersion(runId) });
    };
    const answered = disguised(world.simulator.url, { name: 'answered, then moved' });
    const deps = world.deps(answered);
    const { runId } = await createRun(deps, answered);
    await executeRun(deps, runId);
    reconfigure(runId, false);
    expect(runSummary(world.store.db, runId).simulated).toBe(true);
    expect(loadRunState(world.store.readStream.bind(world.store), runId).simulated).toBe(true);

    // Configured as the simulator but never called (say its URL was dead), then pointed at a server.
    const unused = smallEngineConfig(world.simulator.url, { name: 'never called' });
    const created = await createRun(world.deps(unused), unused);
    expect(runSummary(world.store.db, created.runId).simulated).toBe(true);
    reconfigure(created.runId, false);
    expect(runSummary(world.store.db, created.runId).simulated).toBe(false);
    expect(loadRunState(world.store.readStream.bind(world.store), created.runId).simulated).toBe(false);
  });

  it('a run answered entirely from the response cache keeps the label (the cache keeps the fingerprint)', async () => {
    const config = disguised(world.simulator.url, { name: 'cached twice', cache: true });
    const first = world.deps(config);
    await executeRun(first, (await createRun(first, config)).runId);
    const second = world.deps(config);
    const { runId } = await createRun(second, config);
    await executeRun(second, runId);
    const calls = callsOf(runId);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((call) => call.cached)).toBe(true);
    expect(runSummary(world.store.db, runId).simulated).toBe(true);
  });
});
