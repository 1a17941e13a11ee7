import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/composition/createCore';
import { createTestWorld, smallConfig, type TestWorld } from './runFixtures';

/**
 * The endpoint's `concurrency` is the SERVER's limit, not one run's: the runs of one process share
 * one pool of slots per server (base URL + model), whatever their endpoints are called.
 */
describe('runs of one process share a server\'s concurrency cap', { timeout: 90_000 }, () => {
  let world: TestWorld;
  let core: Core | undefined;
  beforeEach(async () => {
    world = await createTestWorld({ latencyMs: 20 });
  });
  afterEach(async () => {
    await core?.close();
    core = undefined;
    await world.dispose();
  });

  it('two runs started together on one simulator endpoint of concurrency 4 never have more than 4 requests in flight', async () => {
    core = await createCore({ dbPath: world.dbPath() });
    const endpoint = (name: string, baseURL: string) => ({ name, kind: 'simulator', baseURL, model: 'remo-simulator', concurrency: 4, timeoutMs: 30_000 });
    // Different names, and the same server spelled with a trailing slash: still one server.
    const first = smallConfig(world.simulator.url, { name: 'first', method: 'textgrad', epochs: 1, endpoints: [endpoint('qwen', world.simulator.url)] });
    const second = smallConfig(world.simulator.url, { name: 'second', method: 'remo', epochs: 1, endpoints: [endpoint('local', `${world.simulator.url}/`)] });
    const runs = await Promise.all([core.runs.start(first), core.runs.start(second)]);

    // While both run, each one's progress reports the server's load, the same number for both.
    await world.simulator.whenInFlight(4);
    const loads = runs.map(({ runId }) => core!.runs.progress(runId).endpoints);
    expect(loads[0]![0]!.inFlight).toBe(loads[1]![0]!.inFlight);
    expect(loads[0]![0]!.inFlight).toBeGreaterThanOrEqual(1);
    expect(loads[0]![0]!.inFlight).toBeLessThanOrEqual(4);

    const summaries = await Promise.all(runs.map(({ runId }) => core!.runs.waitForRun(runId)));
    expect(summaries.map((s) => s.status)).toEqual(['completed', 'completed']);
    const stats = world.simulator.stats();
    expect(stats.maxInFlight).toBeLessThanOrEqual(4);
    // Both runs really overlapped: together they kept the server at its cap.
    expect(stats.maxInFlight).toBe(4);
  });
});
