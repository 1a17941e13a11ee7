import { describe, expect, it } from 'vitest';
import { createRun, executeRun } from '../../../electron/core/engine';
import type { LoggedCall } from '../../../shared/events/run/runEventTypes';
import { builtinGsm8k, createEngineWorld, smallEngineConfig } from './engineTestKit';

const TRANSPORT_FAULTS = ['rate-limit', 'server-error', 'unavailable', 'hang', 'malformed-json', 'empty-choices'];

describe('faults from the simulator', () => {
  it('a run survives a 20% fault rate, and every failure is visible in the log', async () => {
    const world = await createEngineWorld({ seed: 11, faultRate: 0.2, hangMs: 1500, retryAfterSeconds: 0 });
    try {
      const config = smallEngineConfig(world.simulator.url, { method: 'remo', cache: false, validationGate: true });
      (config.endpoints as { timeoutMs: number }[])[0]!.timeoutMs = 400;
      // The simulator builds its GSM8K index on the first request, in this process: that takes longer
      // than the 400 ms timeout, so the run's first burst would time out without any injected fault.
      // Warm it up first, and count only the run's faults.
      await fetch(`${world.simulator.url}/chat/completions`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-remo-role': 'solver' },
        body: JSON.stringify({ model: 'remo-simulator', messages: [{ role: 'user', content: builtinGsm8k().train[0]!.question }] }),
      });
      const warmUpFaults = { ...world.simulator.stats().faults };
      const deps = world.deps(config);
      const { runId } = await createRun(deps, config);
      const outcome = await executeRun(deps, runId);
      expect(outcome.status).toBe('completed');

      const events = world.store.readStream(runId);
      const calls = events.flatMap((e) => (e.data as { calls?: LoggedCall[] }).calls ?? []);
      const retried = calls.reduce((sum, c) => sum + Math.max(0, c.attempts - 1), 0);
      const phaseFailures = events.filter((e) => e.type === 'PhaseFailed');
      const faults = world.simulator.stats().faults;
      const transport = TRANSPORT_FAULTS.reduce((sum, kind) => sum + (faults[kind] ?? 0) - (warmUpFaults[kind] ?? 0), 0);
      console.log(`faults ${JSON.stringify(faults)}, retried ${retried}, phase failures ${phaseFailures.length}`);
      expect(transport).toBeGreaterThan(0);
      // Each transport fault is either a retry inside a logged call, or part of a failed phase (logged as PhaseFailed).
      if (phaseFailures.length === 0) expect(retried).toBe(transport);
      else expect(retried).toBeLessThanOrEqual(transport);
      // Content faults are visible too: cut replies keep finish_reason "length"; untagged optimizer
      // replies show up as failed attempts or rejections.
      if ((faults.length ?? 0) > 0) expect(calls.some((c) => c.finishReason === 'length')).toBe(true);
    } finally {
      await world.dispose();
    }
  });

  it('a failure only the user can fix (here: the key variable is not set) fails the run at once, saying what to do', async () => {
    const world = await createEngineWorld({ seed: 1 });
    try {
      const config = smallEngineConfig(world.simulator.url, { method: 'textgrad', maxPhaseAttempts: 3 });
      (config.endpoints as Array<Record<string, unknown>>)[0]!.apiKeyEnv = 'REMO_TEST_KEY_THAT_IS_NOT_SET';
      const deps = world.deps(config, { retries: 1 });
      const { runId } = await createRun(deps, config);
      const outcome = await executeRun(deps, runId);
      expect(outcome.status).toBe('failed');
      expect(outcome.reason).toMatch(/REMO_TEST_KEY_THAT_IS_NOT_SET, which is not set\. Fix it, then resume the run\.$/);
      // The context window could not be asked for (no key): the default is recorded, then the first call fails.
      expect(world.store.readStream(runId).map((e) => e.type)).toEqual(['RunStarted', 'ModelFactsRecorded', 'PhaseFailed', 'RunFailed']);
      expect(world.simulator.stats().requests).toBe(0);
    } finally {
      await world.dispose();
    }
  });

  it('when calls keep failing the phase is retried, each failure recorded, then the run fails with the reason', async () => {
    const world = await createEngineWorld({ seed: 1, faultRate: 1, faultKinds: ['server-error'] });
    try {
      const config = smallEngineConfig(world.simulator.url, { method: 'textgrad', maxPhaseAttempts: 3 });
      const deps = world.deps(config, { retries: 1 });
      const { runId } = await createRun(deps, config);
      const outcome = await executeRun(deps, runId);
      expect(outcome.status).toBe('failed');
      const types = world.store.readStream(runId).map((e) => e.type);
      expect(types).toEqual(['RunStarted', 'ModelFactsRecorded', 'PhaseFailed', 'PhaseFailed', 'PhaseFailed', 'RunFailed']);
      const failure = world.store.readStream(runId)[2]!.data as { code: string; phase: string };
      expect(failure).toMatchObject({ code: 'server-error', phase: 'seed-val' });
      // A failed run can be resumed once the server is back (here: it is not, so it fails again).
      expect((await executeRun(deps, runId)).status).toBe('failed');
      expect(world.store.readStream(runId).map((e) => e.type)).toContain('RunResumed');
    } finally {
      await world.dispose();
    }
  });
});
