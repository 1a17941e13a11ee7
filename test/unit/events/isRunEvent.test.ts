import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../shared/events/envelope';
import { isRunEvent } from '../../../shared/events/run/isRunEvent';

const stored = (type: string, data: unknown): StoredEvent => ({
  globalPosition: 1, streamId: 'r1', streamPosition: 1, type, schemaVersion: 1, data, metadata: {}, recordedAt: '2026-01-01T00:00:00Z', hash: '0',
});

describe('isRunEvent', () => {
  it('narrows a run event so its data is typed by its type, with no cast', () => {
    const event = stored('EpochCompleted', { epoch: 2, val: 0.5, promptVersion: 1, optimizerVersion: 1, notebookSize: 0 });
    expect(isRunEvent(event)).toBe(true);
    if (isRunEvent(event) && event.type === 'EpochCompleted') expect(event.data.epoch).toBe(2);
  });

  it('rejects what is not in the run catalogue (the run list\'s catalog events, anything unknown)', () => {
    expect(isRunEvent(stored('RunRenamed', { runId: 'r1', name: 'x' }))).toBe(false);
    expect(isRunEvent(stored('SomethingElse', {}))).toBe(false);
  });
});
