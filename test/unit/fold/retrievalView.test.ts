import { describe, expect, it } from 'vitest';
import { resolveRunConfig } from '../../../shared/config/resolveRunConfig';
import type { RunEvent } from '../../../shared/events/run/runEventTypes';
import { foldRun } from '../../../shared/fold/foldRun';
import { LEXICAL_FALLBACK_LABEL } from '../../../shared/fold/retrievalView';
import { toRunStateView } from '../../../shared/fold/toRunStateView';

let position = 0;
const ev = (type: string, data: unknown): RunEvent => ({ type, data, globalPosition: ++position, recordedAt: '2026-01-01T00:00:00Z' } as RunEvent);
const defaults = { optimizerInstructions: 'Q', templateVersions: {} };
const endpoint = { name: 'local', kind: 'vllm', baseURL: 'http://127.0.0.1:8000/v1', model: 'Qwen/Qwen3-32B' };

function viewOf(config: Record<string, unknown>, facts?: unknown) {
  position = 0;
  const resolved = resolveRunConfig({ preset: 'paper-100', endpoints: [endpoint], ...config }, defaults);
  const events = [ev('RunStarted', { runId: 'r', config: resolved, dataset: { name: 'd', hash: 'h', itemCount: 1 }, split: { train: [], val: [], test: [] }, templates: {}, memory: null, simulated: false })];
  if (facts) events.push(ev('ModelFactsRecorded', facts));
  return toRunStateView(foldRun('r', events));
}

describe('the run-state view shows retrieval settings and context windows', () => {
  it('labels the built-in lexical embedder as the offline fallback', () => {
    const view = viewOf({ method: 'remo' }, { endpoints: [{ name: 'local', model: 'Qwen/Qwen3-32B', contextTokens: 40960, source: 'server' }], embedder: { endpoint: 'builtin:lexical', model: 'lexical', dimensions: 384, lexical: true }, calls: [] });
    expect(view.retrieval).toEqual({
      embedder: 'builtin:lexical', model: 'lexical', dimensions: 384, offlineFallback: true, label: LEXICAL_FALLBACK_LABEL,
      k: 3, threshold: 0.4, thresholdCalibrated: false, lessonFormat: 'record',
    });
    expect(view.contextWindows).toEqual([{ endpoint: 'local', model: 'Qwen/Qwen3-32B', tokens: 40960, source: 'server' }]);
  });

  it('names a server embedder with its recorded model and size', () => {
    const view = viewOf(
      { method: 'remo-rag', endpoints: [endpoint, { ...endpoint, name: 'embed', model: 'Qwen/Qwen3-Embedding-0.6B' }], roles: { embedder: { endpoint: 'embed' } } },
      { endpoints: [], embedder: { endpoint: 'embed', model: 'Qwen/Qwen3-Embedding-0.6B', dimensions: 1024, lexical: false }, calls: [] },
    );
    expect(view.retrieval).toMatchObject({ embedder: 'embed', offlineFallback: false, dimensions: 1024, label: 'Qwen/Qwen3-Embedding-0.6B on endpoint "embed", 1024-d' });
  });

  it('has no retrieval for methods without a notebook, and no windows before the run first executes', () => {
    const view = viewOf({ method: 'textgrad' });
    expect(view.retrieval).toBeNull();
    expect(view.contextWindows).toEqual([]);
  });
});
