import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../bench/criticalPath';
import type { StoredEvent } from '../../../shared/events/envelope';

const call = (role: string, cached = false, endpoint = 'sim') => ({
  role, endpoint, model: 'm', promptTokens: 1, completionTokens: 1, latencyMs: 300, attempts: 1, finishReason: 'stop', cached,
});
let position = 0;
const event = (type: string, at: string, data: Record<string, unknown>, metadata: Record<string, unknown> = {}): StoredEvent => ({
  globalPosition: ++position, streamId: 'r', streamPosition: position, type, schemaVersion: 1, data, metadata, recordedAt: at, hash: '',
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

  it('the dependency graph\'s bound counts a measurement only where it does not fit in the idle slots beside it', () => {
    position = 0;
    const phase = (name: string) => ({ phase: name });
    const solver = (n: number, at: string, name: string) => Array.from({ length: n }, () => event('SolverAnswered', at, { calls: [call('solver')] }, phase(name)));
    const events = [
      event('RunStarted', 't0', {}),
      ...solver(50, 't1', 'seed-val'), event('EvaluationCompleted', 't1', {}, phase('seed-val')),
      // Beside the seed test: a forward pass of 3 (1 round, 29 idle slots) and an optimizer call (1 round, 31 idle).
      ...solver(3, 't2', 'forward'), event('TrainBatchAnswered', 't2', {}, phase('forward')),
      event('PromptCandidateProposed', 't3', { calls: [call('optimizer')] }, phase('update')),
      // The seed test: 100 calls = 4 rounds alone; 60 fit in the 60 idle slots, 40 more take 2 rounds.
      ...solver(100, 't3', 'seed-test'), event('EvaluationCompleted', 't3', {}, phase('seed-test')),
      event('EpochCompleted', 't4', {}, phase('close-epoch')),
      // The prompt-only test beside the test: 40 test calls (2 rounds, 24 idle); 20 prompt-only calls fit.
      ...solver(40, 't5', 'test'), event('EvaluationCompleted', 't5', {}, phase('test')),
      ...solver(20, 't5', 'test-prompt-only'), event('EvaluationCompleted', 't5', {}, phase('test-prompt-only')),
    ];
    const path = criticalPath(events, { concurrency: 32, latencyMs: 100 });
    // Same recordedAt, different phase stamps: separate appends.
    expect(path.phases.map((p) => p.phase)).toEqual([null, 'seed-val', 'forward', 'update', 'seed-test', 'close-epoch', 'test', 'test-prompt-only']);
    expect(path.rounds).toBe(2 + 1 + 1 + 4 + 0 + 2 + 1);
    expect(path.measurements.map((m) => [m.phase, m.idleSlots, m.extraRounds])).toEqual([['seed-test', 60, 2], ['test-prompt-only', 24, 0]]);
    expect(path.graphRounds).toBe(2 + 1 + 1 + 2 + 2);
    expect(path.graphBoundMs).toBe(800);
  });
});
