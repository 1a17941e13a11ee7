import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../../shared/api/transport';
import type { ApiArgs, ApiMethod, ApiResults } from '../../../shared/api/contract';
import { apiDepsFromCore } from '../../../electron/core/api/apiDepsFromCore';
import { createApiService } from '../../../electron/core/api/createApiService';
import { createCore, type Core } from '../../../electron/core/composition/createCore';
import { meanInterval } from '../../../shared/stats/meanInterval';
import { createTestWorld, smallConfig, type TestWorld } from '../runs/runFixtures';

/** A client whose calls resolve with the value and reject with the error's message, as a test reads best. */
function plainClient(client: ApiClient) {
  return {
    async call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
      const result = await client.call(method, args);
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.value;
    },
  };
}

/** An experiment file over the small test config: the four methods x two seeds. */
function fourByTwo(url: string): Record<string, unknown> {
  const { method: _method, seed: _seed, name: _name, ...base } = smallConfig(url, {
    epochs: 1, split: { train: 6, val: 8, test: 10 },
    endpoints: [{ name: 'sim', kind: 'simulator', baseURL: url, model: 'remo-simulator', concurrency: 4, timeoutMs: 30_000 }],
  });
  return { name: 'four by two', base, grid: { methods: ['textgrad', 'remo-rag', 'remo-optimizer', 'remo'], seeds: [0, 1] } };
}

describe('experiments: methods x seeds over one base config', { timeout: 120_000 }, () => {
  let world: TestWorld | undefined;
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    await world?.dispose();
    core = undefined;
    world = undefined;
  });

  it('runs 4 methods x 2 seeds against the simulator; the table is the individual runs\' numbers', async () => {
    // 20 ms per reply: long enough that the pool's 4 slots are all busy at once at the server.
    world = await createTestWorld({ latencyMs: 20 });
    core = await createCore({ dbPath: world.dbPath() });
    const api = plainClient(createApiClient(createApiService(apiDepsFromCore(core, { version: '0.0.0' })).inProcess()));
    const config = fourByTwo(world.simulator.url);

    const plan = await api.call('experiments.plan', { config });
    expect(plan.runs).toBe(8);
    expect(plan.cells.map((c) => `${c.method}/${c.seed}`)).toEqual([
      'textgrad/0', 'textgrad/1', 'remo-rag/0', 'remo-rag/1', 'remo-optimizer/0', 'remo-optimizer/1', 'remo/0', 'remo/1',
    ]);
    expect(plan.calls).toBeGreaterThan(0);
    expect(plan.simulated).toBe(true);
    expect(await api.call('experiments.list', {})).toEqual([]); // planning writes nothing

    world.simulator.resetStats();
    const { experimentId, runIds } = await api.call('experiments.start', { config });
    expect(runIds).toHaveLength(8);
    for (const runId of runIds) expect((await core.runs.waitForRun(runId)).status).toBe('completed');
    // Eight runs at once on one server of concurrency 4: the server never saw more than 4.
    expect(world.simulator.stats().maxInFlight).toBe(4);

    const view = await api.call('experiments.show', { experimentId });
    expect(view.status).toBe('completed');
    expect(view.completed).toBe(8);
    expect(view.rows.map((r) => r.label)).toEqual(['textgrad', 'remo-rag', 'remo-optimizer', 'remo']);
    for (const row of view.rows) {
      const summaries = await Promise.all(row.runs.map((runId) => api.call('runs.summary', { runId })));
      expect(summaries.map((s) => s.method)).toEqual([row.method, row.method]);
      // Each row is its own runs' numbers, recomputed here from their summaries.
      const unit = { min: 0, max: 1 };
      expect(row.test).toEqual(meanInterval(summaries.map((s) => s.test), unit));
      expect(row.val).toEqual(meanInterval(summaries.map((s) => s.val), unit));
      expect(row.seedTest).toEqual(meanInterval(summaries.map((s) => s.seedTest), unit));
      expect(row.gap).toEqual(meanInterval(summaries.map((s) => s.val! - s.test!), { min: -1, max: 1 }));
      expect(row.calls.mean).toBe((summaries[0]!.usage.calls + summaries[1]!.usage.calls) / 2);
      expect(row.test.mean).toBe((summaries[0]!.test! + summaries[1]!.test!) / 2);
      expect(row.tokens.mean).toBe((summaries[0]!.usage.promptTokens + summaries[0]!.usage.completionTokens + summaries[1]!.usage.promptTokens + summaries[1]!.usage.completionTokens) / 2);
      expect(row.test.n).toBe(2);
      // Seeds give different minibatch orders, so the two seeds are two different runs.
      const configs = summaries.map((s) => core!.runs.events(s.runId)[0]!.data as { config: { seed: number } });
      expect(configs.map((c) => c.config.seed)).toEqual([0, 1]);
    }
    // The estimate is from the recipe, on the high side (reused requests are counted), never below what the runs made.
    const madeCalls = view.cellViews.reduce((sum, cell) => sum + cell.calls, 0);
    expect(plan.calls).toBeGreaterThanOrEqual(madeCalls * 0.9);
    expect(plan.calls).toBeLessThanOrEqual(madeCalls * 1.6);
    // Every pair of rows is compared on shared test items, pooled over both seeds.
    expect(view.comparisons).toHaveLength(6);
    for (const comparison of view.comparisons) {
      expect(comparison.seeds).toBe(2);
      expect(comparison.sharedItems).toBe(20);
    }
    // The experiment is in the log: a new core on the same file shows the same table.
    await core.close();
    core = await createCore({ dbPath: world.dbPath() });
    const again = plainClient(createApiClient(createApiService(apiDepsFromCore(core, { version: '0.0.0' })).inProcess()));
    const reread = await again.call('experiments.show', { experimentId });
    expect(reread.rows).toEqual(view.rows);
    expect((await again.call('experiments.list', {})).map((e) => e.experimentId)).toEqual([experimentId]);
  });

  it('refuses a bad grid or base with the field at fault, and writes nothing', async () => {
    world = await createTestWorld({ latencyMs: 2 });
    core = await createCore({ dbPath: world.dbPath() });
    const api = plainClient(createApiClient(createApiService(apiDepsFromCore(core, { version: '0.0.0' })).inProcess()));
    const config = fourByTwo(world.simulator.url);
    await expect(api.call('experiments.start', { config: { ...config, grid: { methods: ['remo', 'remo'], seeds: [0] } } })).rejects.toThrow(/methods must not repeat/);
    await expect(api.call('experiments.start', { config: { ...config, grid: { methods: ['remo'], seeds: [0], vary: { key: 'endpoints', values: [1] } } } })).rejects.toThrow(/cannot be varied/);
    await expect(api.call('experiments.start', { config: { ...config, base: { ...(config.base as object), batchSize: 0 } } })).rejects.toThrow(/batchSize/);
    await expect(api.call('experiments.show', { experimentId: 'x-none' })).rejects.toThrow(/no experiment x-none/);
    expect(await api.call('experiments.list', {})).toEqual([]);
    expect(core.runs.list()).toEqual([]);
  });
});
