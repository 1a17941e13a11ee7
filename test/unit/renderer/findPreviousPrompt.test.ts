import { describe, expect, it } from 'vitest';
import type { RunStateView } from '../../../shared/api/runViews';
import { findPreviousPrompt } from '../../../renderer/store/findPreviousPrompt';

/** A log where the prompt version changes at given positions: version(p) = number of changes <= p. */
function logWithChangesAt(changes: number[], length: number) {
  const calls: number[] = [];
  const stateAt = async (position: number): Promise<RunStateView> => {
    calls.push(position);
    const version = changes.filter((c) => c <= position).length;
    return {
      runId: 'r',
      position,
      epoch: 0,
      step: 0,
      prompt: { version, text: `P${version}` },
      optimizerInstructions: { version: 0, text: 'Q' },
      notebook: [],
      metrics: [{ epoch: 0, val: 0.5, promptVersion: 0, optimizerVersion: 0, notebookSize: 0, position: 3 }],
      usage: { calls: 0, cachedCalls: 0, promptTokens: 0, completionTokens: 0, latencyMs: 0 },
      status: 'completed',
    };
  };
  return { calls, stateAt, length };
}

describe('findPreviousPrompt', () => {
  it('given version 3 at the end, then it finds version 2 and where it was last current', async () => {
    const log = logWithChangesAt([10, 40, 700], 1000);
    const current = await log.stateAt(1000);
    log.calls.length = 0;
    const previous = await findPreviousPrompt(current, log.stateAt, 0);
    expect(previous).toEqual({ version: 2, text: 'P2', position: 699 });
    expect(log.calls.length).toBeLessThanOrEqual(12); // binary search, not a scan
  });

  it('given the seed prompt, then there is no previous version', async () => {
    const log = logWithChangesAt([500], 1000);
    expect(await findPreviousPrompt(await log.stateAt(100), log.stateAt, 0)).toBeNull();
  });

  it('given the core refuses a fold, then it gives up with null', async () => {
    const log = logWithChangesAt([10], 100);
    const current = await log.stateAt(100);
    expect(await findPreviousPrompt(current, async (p) => (p === 3 ? null : log.stateAt(p)), 0)).toBeNull();
  });
});
