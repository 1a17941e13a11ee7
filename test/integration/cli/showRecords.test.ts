import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestWorld, smallConfig, type TestWorld } from '../runs/runFixtures';
import { lastJsonLine, runRemo, writeJson } from './cliHarness';

let world: TestWorld;
beforeAll(async () => { world = await createTestWorld({ latencyMs: 2 }); });
afterAll(async () => { await world.dispose(); });

it('remo show records val without the notebook, the best-val checkpoint and usage per role', { timeout: 90_000 }, async () => {
  const db = world.dbPath('records.db');
  const config = writeJson(join(world.dir, 'rag.json'), smallConfig(world.simulator.url, { method: 'remo-rag' }));
  const run = await runRemo(['run', '--config', config, '--db', db, '--json']);
  expect(run.code, run.stderr).toBe(0);
  const runId = lastJsonLine(run.stdout).runId as string;

  const show = lastJsonLine((await runRemo(['show', runId, '--db', db, '--json'])).stdout) as {
    metrics: { epoch: number; val: number; valPromptOnly: number | null; position: number }[];
    bestVal: { epoch: number; accuracy: number; position: number } | null;
    usage: { calls: number };
    usageByRole: Record<string, { calls: number; promptTokens: number; completionTokens: number; seconds: number; estimatedCalls: number }>;
  };
  expect(show.metrics.map((m) => m.epoch)).toEqual([0, 1, 2]);
  for (const m of show.metrics) expect(m.valPromptOnly).toBeTypeOf('number');
  const best = show.metrics.reduce((a, b) => (b.val > a.val ? b : a));
  expect(show.bestVal).toMatchObject({ epoch: best.epoch, accuracy: best.val, position: best.position });

  for (const role of ['solver', 'critic', 'optimizer', 'lessonWriter', 'embedder']) {
    expect(Object.keys(show.usageByRole[role]!).sort()).toEqual(['cachedCalls', 'calls', 'completionTokens', 'estimatedCalls', 'promptTokens', 'seconds']);
    expect(show.usageByRole[role]!.calls).toBeGreaterThan(0);
  }
  expect(Object.values(show.usageByRole).reduce((sum, u) => sum + u.calls, 0)).toBe(show.usage.calls);
  // The simulator sends usage; the built-in lexical embedder's token counts are estimates.
  expect(show.usageByRole.solver!.estimatedCalls).toBe(0);
  expect(show.usageByRole.embedder!.estimatedCalls).toBe(show.usageByRole.embedder!.calls);

  // The run summary (and `remo compare`) carries the last epoch's val without the notebook too.
  const compareOut = (await runRemo(['compare', runId, '--db', db, '--json'])).stdout.trim().split('\n').at(-1)!;
  const report = JSON.parse(compareOut) as { runs: { valPromptOnly: number | null }[] };
  expect(report.runs[0]!.valPromptOnly).toBe(show.metrics.at(-1)!.valPromptOnly);

  const human = await runRemo(['show', runId, '--db', db]);
  expect(human.stdout).toContain('val % (P only)');
  expect(human.stdout).toMatch(/best val\s.*after epoch \d, step \d/);
  expect(human.stdout).toMatch(/lessonWriter/);
  expect(human.stdout).toContain('includes estimates');
});
