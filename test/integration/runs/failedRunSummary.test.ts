import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/composition/createCore';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import type { RunningSimulator } from '../../../electron/core/llm/simulator/simulatorOptions';
import type { LoggedCall } from '../../../shared/events/run/runEventTypes';
import { createTestWorld, smallConfig, type TestWorld } from './runFixtures';

describe('a failed run\'s summary counts what it spent', { timeout: 90_000 }, () => {
  let world: TestWorld | undefined;
  let core: Core | undefined;
  let sim: RunningSimulator | undefined;
  afterEach(async () => {
    await core?.close();
    await sim?.stop().catch(() => undefined);
    await world?.dispose();
  });

  it('a run whose endpoint dies after some calls ends failed with its logged calls, tokens and work time in the summary', async () => {
    world = await createTestWorld();
    sim = await startSimulator({ latencyMs: 150, seed: 0 });
    core = await createCore({ dbPath: world.dbPath() });
    // A vllm endpoint at the simulator's URL: once stopped, nothing stands in for it (a dead URL).
    const config = smallConfig(sim.url, { method: 'textgrad', epochs: 1, split: { train: 9, val: 40, test: 12 } });
    Object.assign((config.endpoints as Array<Record<string, unknown>>)[0]!, { kind: 'vllm', concurrency: 2 });
    const started = performance.now();
    const { runId } = await core.runs.start(config);
    while ((sim.stats().byPath['/v1/chat/completions'] ?? 0) < 16) await new Promise((resolve) => setTimeout(resolve, 10));
    await sim.stop();
    const stoppedAfterMs = performance.now() - started;
    const summary = await core.runs.waitForRun(runId);
    expect(summary.status).toBe('failed');

    const events = core.runs.events(runId);
    const logged = events.flatMap((e) => (e.data as { calls?: LoggedCall[] }).calls ?? []);
    const workMs = events.reduce((sum, e) => sum + (typeof e.metadata.durationMs === 'number' ? e.metadata.durationMs : 0), 0);
    expect(logged.length).toBeGreaterThanOrEqual(14); // 16 sent, 2 at most cut off by the stop
    expect(summary.usage.calls).toBe(logged.length);
    expect(summary.usage.promptTokens).toBe(logged.reduce((sum, c) => sum + c.promptTokens, 0));
    expect(summary.usage.completionTokens).toBe(logged.reduce((sum, c) => sum + c.completionTokens, 0));
    expect(summary.wallSeconds).toBeCloseTo(workMs / 1000, 3);
    // The failed phase's time counts: the run worked until the server died (16 calls × 150 ms / 2 at least).
    expect(summary.wallSeconds).toBeGreaterThanOrEqual(1.1);
    expect(summary.wallSeconds * 1000).toBeLessThanOrEqual(stoppedAfterMs + 5000);
    const failed = events.find((e) => e.type === 'PhaseFailed')!;
    expect(failed.metadata.durationMs).toBeGreaterThan(1000);
    expect(core.runs.progress(runId)).toMatchObject({ calls: logged.length, elapsedSeconds: summary.wallSeconds });
    expect(core.runs.stateAt(runId, 'end').usage.calls).toBe(logged.length);
  });
});
