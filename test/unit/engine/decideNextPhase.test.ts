import { describe, expect, it } from 'vitest';
import { decideNextPhase, describePhase, parseRunConfig } from '../../../electron/core/engine';
import { minibatchIds } from '../../../electron/core/engine/schedule';
import { initialRunState, type RunState, type Stage } from '../../../shared/fold/runState';

function stateWith(method: string, stage: Stage, epoch: number, step: number, extra: Partial<RunState> = {}): RunState {
  const state = initialRunState('r');
  state.config = parseRunConfig({ method, split: { train: 6, val: 3, test: 3 }, epochs: 2, stepsPerEpoch: 2, validationGate: true });
  state.split = { train: ['a', 'b', 'c', 'd', 'e', 'f'], val: [], test: [] };
  state.cursor = { epoch, step, stage };
  // As after the model-facts phase: every endpoint's window and the embedder are recorded.
  state.modelFacts = {
    endpoints: state.config.endpoints.map((e) => ({ name: e.name, model: e.model, contextTokens: 40960, source: 'default' as const })),
    embedder: { endpoint: 'builtin:lexical', model: 'lexical', dimensions: 384, lexical: true },
  };
  return Object.assign(state, extra);
}
const next = (method: string, stage: Stage, epoch = 1, step = 1, extra: Partial<RunState> = {}) => {
  const phase = decideNextPhase(stateWith(method, stage, epoch, step, extra));
  return phase ? describePhase(phase) : null;
};

describe('decideNextPhase', () => {
  it('walks the schedule of each method', () => {
    expect(next('remo', 'begin', 0, 0)).toBe('seed-val');
    expect(next('remo', 'seed-test', 0, 0)).toBe('close-epoch e0');
    expect(next('remo', 'epoch-done', 0, 0)).toBe('forward e1 s1');
    expect(next('remo', 'forward')).toBe('notebook e1 s1');
    expect(next('textgrad', 'forward')).toBe('critique e1 s1');
    expect(next('remo', 'update', 1, 1, { candidate: 'P1' })).toBe('gate e1 s1');
    expect(next('remo', 'update', 1, 1, { candidate: null })).toBe('close-step e1 s1');
    expect(next('remo', 'step-done', 1, 1)).toBe('forward e1 s2');
    expect(next('remo', 'step-done', 1, 2)).toBe('epoch-val e1');
    expect(next('remo', 'epoch-val', 1, 2)).toBe('reflect e1');
    expect(next('remo-rag', 'epoch-val', 1, 2)).toBe('close-epoch e1');
    expect(next('remo', 'epoch-done', 2, 0)).toBe('test');
    expect(next('remo', 'test', 2, 0)).toBe('test-prompt-only');
    expect(next('textgrad', 'test', 2, 0)).toBe('finish');
    expect(next('remo', 'done', 2, 0)).toBeNull();
  });
});

describe('decideNextPhase: the seed test lands at a fixed point', () => {
  const owed = { accuracies: { seedVal: 0.5, seedTest: null, val: null, test: null, testPromptOnly: null, valPromptOnly: null } };
  const measured = { accuracies: { ...owed.accuracies, seedTest: 0.4 } };

  it('goes on from seed-val to close-epoch 0: the seed test runs in the background', () => {
    expect(next('remo', 'seed-val', 0, 0, owed)).toBe('close-epoch e0');
    expect(next('remo', 'epoch-done', 0, 0, owed)).toBe('forward e1 s1');
    expect(next('remo', 'step-done', 1, 2, owed)).toBe('epoch-val e1');
    expect(next('remo', 'epoch-val', 1, 2, owed)).toBe('reflect e1');
    expect(next('remo', 'reflect', 1, 2, owed)).toBe('meta e1');
  });

  it('slots it in right before close-epoch 1 (or the final test) while it is owed, and never again', () => {
    expect(next('remo', 'meta', 1, 2, owed)).toBe('seed-test');
    expect(next('remo', 'meta', 1, 2, measured)).toBe('close-epoch e1');
    expect(next('remo-rag', 'epoch-val', 1, 2, owed)).toBe('seed-test');
    expect(next('remo', 'epoch-done', 2, 0, owed)).toBe('seed-test');
    expect(next('remo', 'epoch-done', 2, 0, measured)).toBe('test');
    // Later epochs are not landing points: it is owed only until epoch 1 closes.
    expect(next('remo', 'epoch-val', 2, 2, measured)).toBe('reflect e2');
  });

  it('owes none when the seed is not measured', () => {
    const unmeasured = (stage: Stage, epoch: number, step: number) => {
      const state = stateWith('remo', stage, epoch, step, owed);
      state.config = { ...state.config!, measureSeed: false };
      return describePhase(decideNextPhase(state)!);
    };
    expect(unmeasured('meta', 1, 2)).toBe('close-epoch e1');
    expect(next('remo', 'meta', 1, 2)).toBe('close-epoch e1'); // nothing validated at the seed yet
  });
});

describe('decideNextPhase: model facts first', () => {
  it('records the context windows (and the embedder, for notebook methods) before anything else, once', () => {
    const none = { endpoints: [], embedder: null };
    expect(next('remo', 'begin', 0, 0, { modelFacts: none })).toBe('model-facts');
    expect(next('textgrad', 'step-done', 1, 1, { modelFacts: none })).toBe('model-facts');
    // textgrad needs no embedder: windows alone are enough.
    const windowsOnly = (method: string) => {
      const state = stateWith(method, 'begin', 0, 0);
      state.modelFacts = { ...state.modelFacts, embedder: null };
      const phase = decideNextPhase(state);
      return phase ? describePhase(phase) : null;
    };
    expect(windowsOnly('textgrad')).toBe('seed-val');
    expect(windowsOnly('remo-rag')).toBe('model-facts');
    // A finished run is not touched.
    expect(next('remo', 'done', 2, 0, { modelFacts: none })).toBeNull();
  });
});

describe('minibatchIds', () => {
  it('is deterministic, reshuffles per epoch and wraps around', () => {
    const config = parseRunConfig({ method: 'remo', split: { train: 5, val: 1, test: 1 }, batchSize: 3, seed: 4 });
    const train = ['a', 'b', 'c', 'd', 'e'];
    expect(minibatchIds(config, train, 1, 1)).toEqual(minibatchIds(config, train, 1, 1));
    const epoch1 = [...minibatchIds(config, train, 1, 1), ...minibatchIds(config, train, 1, 2)];
    expect(new Set(epoch1.slice(0, 5)).size).toBe(5);
    expect(epoch1).toHaveLength(6);
    expect(minibatchIds(config, train, 2, 1)).not.toEqual(minibatchIds(config, train, 1, 1));
  });
});
