import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/events/run/runEventTypes';
import { foldRun } from '../../../shared/fold/foldRun';
import { toRunStateView } from '../../../shared/fold/toRunStateView';
import { cosineSimilarity, decodeVector, encodeVector } from '../../../shared/fold/vectorCodec';

const call = (role: string, cached = false) => ({
  role, endpoint: 'e', model: 'm', promptTokens: 10, completionTokens: 5, latencyMs: 3, attempts: cached ? 0 : 1, finishReason: 'stop', cached,
});
let position = 0;
const ev = (type: string, data: unknown): RunEvent => ({ type, data, globalPosition: ++position, recordedAt: '2026-01-01T00:00:00Z' } as RunEvent);
const config = { method: 'remo', epochs: 2, batchSize: 3, initialPrompt: 'P0', initialOptimizerInstructions: 'Q0 <IMPROVED_VARIABLE>' };

function log(): RunEvent[] {
  position = 0;
  return [
    ev('RunStarted', { runId: 'r', config, dataset: { name: 'd', hash: 'h', itemCount: 3 }, split: { train: ['a', 'b'], val: ['v'], test: ['t'] }, templates: {}, memory: null, simulated: true }),
    ev('SolverAnswered', { itemId: 'a', purpose: 'train', requestKey: 'k1', retrieved: [], response: 'resp a', predicted: '1', correct: false, calls: [call('solver')] }),
    ev('TrainBatchAnswered', { epoch: 1, step: 1, items: [
      { itemId: 'a', requestKey: 'k1', correct: false, predicted: '1', retrieved: [], reused: false },
      { itemId: 'b', requestKey: 'k1', correct: false, predicted: '1', retrieved: [], reused: true },
    ], calls: [call('embedder')] }),
    ev('NotebookEntryWritten', { entryId: 1, merge: 'new', similarity: null, itemId: 'a', question: 'qa', gold: '2', predicted: '1', trace: 'resp a', lesson: 'L1', failCount: 1, embedding: encodeVector(new Float32Array([1, 0])), epoch: 1, step: 1, calls: [call('lessonWriter')] }),
    ev('NotebookEntryWritten', { entryId: 1, merge: 'similar', similarity: 0.95, itemId: 'b', question: 'qb', gold: '3', predicted: '1', trace: 'resp b', lesson: 'L1b', failCount: 2, epoch: 1, step: 1, calls: [call('lessonWriter', true)] }),
    ev('NotebookUpdated', { epoch: 1, step: 1, written: 2, resolved: 0, calls: [] }),
    ev('CritiqueWritten', { epoch: 1, step: 1, scope: 'failures', feedback: 'fix it', calls: [call('critic')] }),
    ev('PromptCandidateProposed', { epoch: 1, step: 1, candidate: 'P1', attempts: [], calls: [call('optimizer')] }),
    ev('PromptRejected', { epoch: 1, step: 1, candidate: 'P1', candidateVal: 0.1, acceptedVal: 0.5, restoredVersion: 0 }),
    ev('StepCompleted', { epoch: 1, step: 1 }),
  ];
}

describe('evolveRun: the simulated label', () => {
  const started = (simulated: boolean) => ev('RunStarted', { runId: 'r', config, dataset: { name: 'd', hash: 'h', itemCount: 3 }, split: { train: ['a'], val: ['v'], test: ['t'] }, templates: {}, memory: null, simulated });
  const answered = (fingerprint?: string) => ev('SolverAnswered', {
    itemId: 'a', purpose: 'train', requestKey: 'k', retrieved: [], response: 'r', predicted: '1', correct: true,
    calls: [{ ...call('solver'), ...(fingerprint !== undefined ? { fingerprint } : {}) }],
  });

  it('stays off for a real-looking config whose calls carry no or another fingerprint', () => {
    position = 0;
    expect(foldRun('r', [started(false), answered(), answered('fp_0123abcd')]).simulated).toBe(false);
  });

  it('turns on at the first call answered by the simulator, and stays on', () => {
    position = 0;
    const events = [started(false), answered(), answered('remo-simulator'), answered()];
    expect(foldRun('r', events.slice(0, 2)).simulated).toBe(false);
    expect(foldRun('r', events).simulated).toBe(true);
  });

  it('new endpoints (RunReconfigured) keep the label once a call was simulated, and drop a label only the config gave', () => {
    position = 0;
    const moved = (simulated: boolean) => ev('RunReconfigured', { overrides: {}, config, simulated });
    expect(foldRun('r', [started(false), answered('remo-simulator'), moved(false)]).simulated).toBe(true);
    position = 0;
    expect(foldRun('r', [started(true), moved(false)]).simulated).toBe(false);
    position = 0;
    expect(foldRun('r', [started(false), answered(), moved(true)]).simulated).toBe(true);
  });

  it('a fork of a simulated run is simulated even when its own endpoints are not', () => {
    position = 0;
    const events = [started(false), answered('remo-simulator'), ev('RunForked', { parentRunId: 'r', parentPosition: 2, overrides: {}, config, simulated: false })];
    expect(foldRun('f', events).simulated).toBe(true);
  });
});

describe('evolveRun', () => {
  it('tracks P, the notebook (merges included), the cursor and usage per role', () => {
    const state = foldRun('r', log());
    expect(state.cursor).toEqual({ epoch: 1, step: 1, stage: 'step-done' });
    expect(state.prompt).toEqual({ version: 0, text: 'P0' });
    expect(state.candidate).toBeNull();
    expect(state.acceptedVal).toBe(0.5);
    const entry = state.notebook.get(1)!;
    expect(entry).toMatchObject({ itemId: 'a', itemIds: ['a', 'b'], question: 'qa', lesson: 'L1b', failCount: 2, resolved: false });
    expect(state.nextEntryId).toBe(2);
    expect(state.lastTrain.map((t) => t.response)).toEqual(['resp a', 'resp a']);
    expect(state.usage.calls).toBe(6);
    expect(state.usage.cachedCalls).toBe(1);
    expect(state.billed).toEqual({ calls: 5, tokens: 75 });
    expect(state.usageByRole.lessonWriter!.calls).toBe(2);
    expect(state.epochSteps[0]).toMatchObject({ failures: 2, total: 2, feedback: 'fix it', outcome: expect.stringMatching(/rejected/) });
  });

  it('is a pure function of the log: folding twice gives equal views, and a prefix gives the earlier state', () => {
    expect(toRunStateView(foldRun('r', log()))).toEqual(toRunStateView(foldRun('r', log())));
    const prefix = foldRun('r', log().slice(0, 4));
    expect(prefix.notebook.get(1)!.lesson).toBe('L1');
    expect(prefix.cursor.stage).toBe('forward');
  });

  it('a fork keeps the prefix state and takes its own config, status and usage', () => {
    const events = log();
    events.push(ev('RunPaused', { reason: 'x' }));
    events.push(ev('RunForked', { parentRunId: 'r', parentPosition: 10, overrides: { epochs: 5 }, config: { ...config, epochs: 5 }, simulated: true }));
    const state = foldRun('fork', events);
    expect(state.status).toBe('running');
    expect(state.config!.epochs).toBe(5);
    expect(state.parentRunId).toBe('r');
    expect(state.usage.calls).toBe(0);
    expect(state.notebook.size).toBe(1);
  });
});

describe('vector codec', () => {
  it('round-trips Float32 vectors through base64 exactly', () => {
    for (const length of [0, 1, 2, 3, 384]) {
      const v = Float32Array.from({ length }, (_, i) => Math.sin(i + 1) * 1e3);
      expect(Array.from(decodeVector(encodeVector(v)))).toEqual(Array.from(v));
    }
    expect(cosineSimilarity(new Float32Array([1, 0]), new Float32Array([0, 2]))).toBe(0);
    expect(cosineSimilarity(new Float32Array([1, 1]), new Float32Array([2, 2]))).toBeCloseTo(1);
  });
});

describe('evolveRun: the seed test, right after seed-val or later', () => {
  const started = () => ev('RunStarted', { runId: 'r', config, dataset: { name: 'd', hash: 'h', itemCount: 3 }, split: { train: ['a'], val: ['v'], test: ['t'] }, templates: {}, memory: null, simulated: true });
  const evaluation = (label: string, epoch: number, accuracy: number) => ev('EvaluationCompleted', {
    label, epoch, step: 0, split: label === 'seed-test' ? 'test' : 'val', promptVersion: 0, withNotebook: true, correct: 1, total: 2, accuracy, items: [], calls: [],
  });

  it('an older log (seed test right after seed-val) folds as before: the seed test is a step of the schedule', () => {
    position = 0;
    const state = foldRun('r', [started(), evaluation('seed-val', 0, 0.5), evaluation('seed-test', 0, 0.25)]);
    expect(state.cursor).toEqual({ epoch: 0, step: 0, stage: 'seed-test' });
    expect(state.accuracies.seedTest).toBe(0.25);
  });

  it('a seed test landing later (before close-epoch 1) records its score and leaves the cursor where the schedule is', () => {
    position = 0;
    const state = foldRun('r', [
      started(), evaluation('seed-val', 0, 0.5), ev('EpochCompleted', { epoch: 0, val: 0.5, promptVersion: 0, optimizerVersion: 0, notebookSize: 0 }),
      evaluation('epoch-val', 1, 0.75), evaluation('seed-test', 0, 0.25),
    ]);
    expect(state.cursor).toEqual({ epoch: 1, step: 0, stage: 'epoch-val' });
    expect(state.accuracies).toMatchObject({ seedVal: 0.5, seedTest: 0.25, val: 0.75 });
  });
});
