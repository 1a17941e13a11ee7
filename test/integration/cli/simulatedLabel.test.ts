import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, smallConfig, type TestWorld } from '../runs/runFixtures';
import { lastJsonLine, runRemo, writeJson } from './cliHarness';

describe('the CLI labels a run simulated when the simulator answered it, whatever the endpoint kind says', { timeout: 90_000 }, () => {
  let world: TestWorld;
  beforeAll(async () => { world = await createTestWorld(); });
  afterAll(async () => { await world.dispose(); });

  it('a vllm-kind endpoint pointed at the simulator: run, runs, show and compare all say simulated', async () => {
    const db = world.dbPath('disguised.db');
    const config = writeJson(join(world.dir, 'disguised.json'), smallConfig(world.simulator.url, {
      method: 'textgrad', epochs: 1,
      endpoints: [{ name: 'gpu', kind: 'vllm', baseURL: world.simulator.url, model: 'remo-simulator', concurrency: 8, timeoutMs: 30_000 }],
    }));
    const run = await runRemo(['run', '--config', config, '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/textgrad \(simulated\)/);
    expect(run.stdout).toMatch(/SIMULATOR/);

    const json = lastJsonLine((await runRemo(['runs', '--db', db, '--json'])).stdout) as unknown as Array<{ runId: string; simulated: boolean }>;
    expect(json).toHaveLength(1);
    expect(json[0]!.simulated).toBe(true);
    const runId = json[0]!.runId;
    expect((await runRemo(['runs', '--db', db])).stdout).toMatch(/textgrad \(sim\)/);
    expect((await runRemo(['show', runId, '--db', db])).stdout).toMatch(/textgrad, simulated/);
    expect((await runRemo(['compare', runId, '--db', db])).stdout).toMatch(/textgrad \*/);
  });
});
