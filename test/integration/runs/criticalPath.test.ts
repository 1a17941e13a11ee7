import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../bench/criticalPath';
import type { StoredEvent } from '../../../shared/events/envelope';

const call = (role: string, cached = false, endpoint = 'sim') => ({
  role, endpoint, model: 'm', promptTokens: 1, completionTokens: 1, latencyMs: 300, attempts: 1, finishReason: 'stop', cached,
});
let position = 0;
const event = (type: string, at: string, data: Record<string, unknown>): StoredEvent => ({
  globalPosition: ++position, streamId: 'r', streamPosition: position, type, schemaVersion: 1, data, metadata: {}, recordedAt: at, hash: '',
});

describe('criticalPath (bench:engine bound)', () => {
  it('counts rounds per phase from the logged calls and their dependency structure', () => {
    position = 0;
    const solver = (n: number, at: string) => Array.from({ length: n }, () => event('SolverAnswered', at, { calls: [call('solver')] }));
    const events = [
      event('RunStarted', 't0', {}),
      // seed val: 300 parallel solver calls -> ceil(300/32) = 10 rounds; a local embedding costs nothing
      ...solver(300, 't1'), event('EvaluationCompleted', 't1', { calls: [call('embedder', false, 'builtin:lexical')] }),
      // TextGrad critique of 3 items: 3 pairs of dependent calls -> 2 rounds
      event('CritiqueWritten', 't2', { scope: 'all', perItem: [{}, {}, {}], calls: Array.from({ length: 6 }, () => call('critic')) }),
      // two optimizer attempts are sequential -> 2 rounds; a cache hit is free
      event('PromptCandidateProposed', 't3', { calls: [call('optimizer'), call('optimizer'), call('optimizer', true)] }),
      // lessons are written in parallel -> 1 round
      event('NotebookEntryWritten', 't4', { calls: [call('lessonWriter')] }), event('NotebookEntryWritten', 't4', { calls: [call('lessonWriter')] }),
    ];
    const path = criticalPath(events, { concurrency: 32, latencyMs: 300 });
    expect(path.phases.map((p) => p.rounds)).toEqual([0, 10, 2, 2, 1]);
    expect(path.rounds).toBe(15);
    expect(path.boundMs).toBe(4500);
    expect(path.phases[1]!.calls).toBe(300);
  });
});
