import { describe, expect, it } from 'vitest';
import type { ApiArgs, ApiMethod, ApiResults, ServerEvents } from '../../../shared/api/contract';
import type { RunProgressView } from '../../../shared/api/runProgress';
import type { RunStatus, RunSummary } from '../../../shared/api/runViews';
import type { CliApi } from '../../../electron/cli/output/commandSupport';
import { waitWhileRunning } from '../../../electron/cli/output/foregroundRun';

/** A CliApi whose run has a settable status; counts calls and lets the test push `runs.appended`. */
function fakeApi(initial: RunStatus) {
  let status = initial;
  const calls: string[] = [];
  const listeners = new Set<(payload: ServerEvents['runs.appended']) => void>();
  let inFlight = 0;
  let maxInFlight = 0;
  const api: CliApi = {
    async call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
      calls.push(method);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      const runId = (args as { runId: string }).runId;
      if (method === 'runs.progress') return { runId, status, done: 1, total: 2, phase: 'p' } as RunProgressView as ApiResults[M];
      if (method === 'runs.summary') return { runId, status } as RunSummary as ApiResults[M];
      throw new Error(`unexpected ${method}`);
    },
    on(_event, listener) {
      const typed = listener as (payload: ServerEvents['runs.appended']) => void;
      listeners.add(typed);
      return () => listeners.delete(typed);
    },
  };
  const push = (runId: string) => {
    for (const listener of listeners) listener([{ runId, firstPosition: 1, lastPosition: 1, count: 1, types: ['X'] }]);
  };
  return { api, calls, push, listeners, setStatus: (next: RunStatus) => (status = next), maxInFlight: () => maxInFlight };
}

describe('CLI: waitWhileRunning follows a run through the API', () => {
  it('resolves with the summary at once when the run is not running', async () => {
    const fake = fakeApi('paused');
    await expect(waitWhileRunning(fake.api, 'r1')).resolves.toMatchObject({ runId: 'r1', status: 'paused' });
    expect(fake.listeners.size).toBe(0);
  });

  it('wakes on pushes for its run, one call at a time, and reports progress', async () => {
    const fake = fakeApi('running');
    const seen: number[] = [];
    const waiting = waitWhileRunning(fake.api, 'r1', { pollMs: 60_000, minGapMs: 1, onProgress: (p) => seen.push(p.done) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 0; i < 20; i += 1) fake.push('r1');
    fake.push('other-run');
    await new Promise((resolve) => setTimeout(resolve, 30));
    fake.setStatus('completed');
    fake.push('r1');
    await expect(waiting).resolves.toMatchObject({ status: 'completed' });
    expect(fake.maxInFlight()).toBe(1);
    // A burst of pushes coalesces into a few looks, not one per push.
    expect(fake.calls.filter((m) => m === 'runs.progress').length).toBeLessThan(10);
    expect(seen.length).toBeGreaterThan(0);
    expect(fake.listeners.size).toBe(0);
  });

  it('notices a run that ends without an event (its process died) by polling', async () => {
    const fake = fakeApi('running');
    const waiting = waitWhileRunning(fake.api, 'r1', { pollMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    fake.setStatus('interrupted');
    await expect(waiting).resolves.toMatchObject({ status: 'interrupted' });
    expect(fake.calls).not.toContain('runs.progress');
  });
});
