import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/events/run/runEventTypes';
import { foldRun } from '../../../shared/fold/foldRun';

let position = 0;
const ev = (type: string, data: unknown): RunEvent => ({ type, data, globalPosition: ++position, recordedAt: '2026-01-01T00:00:00Z' } as RunEvent);
const endpoint = (name: string, baseURL: string, extra: Record<string, unknown> = {}) => ({ name, kind: 'vllm', baseURL, model: 'Qwen/Qwen3-32B', concurrency: 8, timeoutMs: 1000, ...extra });
const config = (endpoints: unknown[]) => ({ method: 'remo', epochs: 1, batchSize: 3, initialPrompt: 'P', initialOptimizerInstructions: 'Q', endpoints });
const facts = {
  endpoints: [{ name: 'a', model: 'Qwen/Qwen3-32B', contextTokens: 40960, source: 'default' }, { name: 'b', model: 'Qwen/Qwen3-32B', contextTokens: 32768, source: 'server' }],
  embedder: { endpoint: 'builtin:lexical', model: 'lexical', dimensions: 384, lexical: true }, calls: [],
};

describe('model facts in the fold', () => {
  it('keeps the facts of unchanged endpoints across a reconfiguration and forgets moved or dropped ones; the embedder stays', () => {
    position = 0;
    const start = config([endpoint('a', 'http://wrong:8000/v1'), endpoint('b', 'http://b:8000/v1'), endpoint('c', 'http://c:8000/v1')]);
    const state = foldRun('r', [
      ev('RunStarted', { runId: 'r', config: start, dataset: { name: 'd', hash: 'h', itemCount: 1 }, split: { train: [], val: [], test: [] }, templates: {}, memory: null, simulated: false }),
      ev('ModelFactsRecorded', facts),
      // 'a' gets its URL fixed, 'b' is unchanged, 'c' is dropped.
      ev('RunReconfigured', { overrides: {}, config: config([endpoint('a', 'http://right:8000/v1'), endpoint('b', 'http://b:8000/v1')]), simulated: false }),
    ]);
    expect(state.modelFacts.endpoints.map((e) => e.name)).toEqual(['b']);
    expect(state.modelFacts.embedder).toEqual(facts.embedder);
  });

  it('a later record replaces the facts of the endpoints it names', () => {
    position = 0;
    const state = foldRun('r', [
      ev('RunStarted', { runId: 'r', config: config([endpoint('a', 'u'), endpoint('b', 'v')]), dataset: { name: 'd', hash: 'h', itemCount: 1 }, split: { train: [], val: [], test: [] }, templates: {}, memory: null, simulated: false }),
      ev('ModelFactsRecorded', facts),
      ev('ModelFactsRecorded', { endpoints: [{ name: 'a', model: 'Qwen/Qwen3-32B', contextTokens: 131072, source: 'server' }], embedder: null, calls: [] }),
    ]);
    expect(state.modelFacts.endpoints).toEqual([facts.endpoints[1], { name: 'a', model: 'Qwen/Qwen3-32B', contextTokens: 131072, source: 'server' }]);
    expect(state.modelFacts.embedder).toEqual(facts.embedder);
  });
});
