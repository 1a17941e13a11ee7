import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/composition/createCore';
import { createTestWorld, smallConfig, type TestWorld } from '../runs/runFixtures';
import { lastJsonLine, runRemo, writeJson } from './cliHarness';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('remo compare --json, rename, archive, runs --all, resume --set, show --epoch, $REMO_DB (spawned CLI)', { timeout: 120_000 }, () => {
  let world: TestWorld;
  let db: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    world = await createTestWorld({ latencyMs: 0 });
    db = world.dbPath('manage.db');
    const a = await runRemo(['run', '--config', writeJson(join(world.dir, 'a.json'), smallConfig(world.simulator.url, { method: 'textgrad', name: 'first' })), '--db', db, '--json']);
    const b = await runRemo(['run', '--config', writeJson(join(world.dir, 'b.json'), smallConfig(world.simulator.url, { method: 'remo', name: 'second' })), '--db', db, '--json']);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    first = lastJsonLine(a.stdout).runId as string;
    second = lastJsonLine(b.stdout).runId as string;
  });
  afterAll(async () => {
    await world?.dispose();
  });

  it('compare --json prints the same numbers as runs.compare: intervals, usage per role and McNemar pairs', async () => {
    const result = await runRemo(['compare', first, second, '--json'], { REMO_DB: db });
    expect(result.code).toBe(0);
    const json = lastJsonLine(result.stdout) as unknown as { runs: Array<Record<string, unknown>>; pairs: Array<Record<string, unknown>> };
    const core = await createCore({ dbPath: db });
    try {
      const report = await core.compare([first, second]);
      for (const [index, run] of report.runs.entries()) {
        expect(json.runs[index]).toMatchObject({ runId: run.runId, valCI: run.valCI, testCI: run.testCI, usageByRole: run.usageByRole, test: run.test, val: run.val });
      }
      const pair = report.pairs[0]!;
      expect(json.pairs).toEqual([{ a: first, b: second, sharedItems: pair.sharedItems, wrongToRight: pair.wrongToRight, rightToWrong: pair.rightToWrong, mcnemarP: pair.mcnemarP }]);
    } finally {
      await core.close();
    }
  });

  it('rename, archive, runs --all; verify and rebuild honour $REMO_DB', async () => {
    expect((await runRemo(['rename', first, 'the', 'baseline'], { REMO_DB: db })).stdout).toMatch(/renamed .* to "the baseline"/);
    expect((await runRemo(['archive', second], { REMO_DB: db })).code).toBe(0);
    const visible = lastJsonLine((await runRemo(['runs', '--json'], { REMO_DB: db })).stdout) as unknown as Array<{ runId: string; name: string; model: string }>;
    expect(visible.map((r) => r.runId)).toEqual([first]);
    expect(visible[0]).toMatchObject({ name: 'the baseline', model: 'remo-simulator' });
    const all = await runRemo(['runs', '--all'], { REMO_DB: db });
    expect(all.stdout).toMatch(/\(archived\)/);
    expect(all.stdout).toMatch(/\bid\b.*\bparent\b/);
    const verify = await runRemo(['verify'], { REMO_DB: db });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^ok \d+ events/);
    const rebuild = await runRemo(['rebuild'], { REMO_DB: db });
    expect(rebuild.code).toBe(0);
    const after = lastJsonLine((await runRemo(['runs', '--all', '--json'], { REMO_DB: db })).stdout) as unknown as Array<{ runId: string; name: string; archived: boolean }>;
    expect(after.find((r) => r.runId === first)?.name).toBe('the baseline');
    expect(after.find((r) => r.runId === second)?.archived).toBe(true);
    expect((await runRemo(['archive', second, '--undo'], { REMO_DB: db })).code).toBe(0);
    expect((await runRemo(['verify'], { REMO_DB: join(world.dir, 'missing.db') })).code).toBe(2);
  });

  it('show --epoch says the state is as of that epoch and the run status separately', async () => {
    const human = await runRemo(['show', first, '--epoch', '1'], { REMO_DB: db });
    expect(human.stdout).toMatch(/as of epoch 1/);
    expect(human.stdout).toMatch(/run status now\s*│?\s*completed/);
    expect(human.stdout).not.toMatch(/status\s+running/);
    const json = lastJsonLine((await runRemo(['show', first, '--epoch', '1', '--json'], { REMO_DB: db })).stdout);
    expect(json).toMatchObject({ status: 'completed', asOf: { point: { epoch: 1 }, epoch: 1 } });
  });

  it('a run failed for a wrong URL is fixed with resume --set and completes', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}/v1`;
    const config = smallConfig(dead, { method: 'textgrad', epochs: 1, name: 'wrong url' });
    (config.endpoints as Array<Record<string, unknown>>)[0]!.kind = 'vllm';
    const failed = await runRemo(['run', '--config', writeJson(join(world.dir, 'wrong.json'), config), '--json'], { REMO_DB: db });
    const runId = lastJsonLine(failed.stdout).runId as string;
    expect(lastJsonLine(failed.stdout).status).toBe('failed');
    const refused = await runRemo(['resume', runId, '--set', 'epochs=3'], { REMO_DB: db });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/epochs/);
    const fixed = await runRemo(['resume', runId, '--set', `endpoints.0.baseURL=${world.simulator.url}`, '--json'], { REMO_DB: db });
    expect(fixed.code).toBe(0);
    expect(lastJsonLine(fixed.stdout)).toMatchObject({ runId, status: 'completed' });
  });
});
