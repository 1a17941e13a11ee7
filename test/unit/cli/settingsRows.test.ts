import { describe, expect, it } from 'vitest';
import type { RunStateView, RunSummary } from '../../../shared/api/runViews';
import { LEXICAL_FALLBACK_LABEL } from '../../../shared/fold/retrievalView';
import { renderState, stateJson } from '../../../electron/cli/output/stateView';
import { summaryJson } from '../../../electron/cli/output/summaryJson';
import { renderSummary } from '../../../electron/cli/output/summaryTable';

const usage = { calls: 1, cachedCalls: 0, estimatedCalls: 0, promptTokens: 1, completionTokens: 1, latencyMs: 1 };
const summary: RunSummary = {
  runId: 'r-1', name: '', method: 'remo', status: 'completed', createdAt: '2026-01-01T00:00:00Z', epochsPlanned: 1, epochsDone: 1,
  seedVal: null, seedTest: null, val: 0.9, test: 0.9, testPromptOnly: 0.8, valPromptOnly: 0.85, usage, wallSeconds: 1, simulated: false,
};
const view: RunStateView = {
  runId: 'r-1', position: 10, epoch: 1, step: 0, prompt: { version: 1, text: 'P' }, optimizerInstructions: { version: 0, text: 'Q' },
  notebook: [], metrics: [], bestVal: null, usage, usageByRole: {}, status: 'completed',
  retrieval: { embedder: 'builtin:lexical', model: 'lexical', dimensions: 384, offlineFallback: true, label: LEXICAL_FALLBACK_LABEL, k: 3, threshold: 0.4, thresholdCalibrated: false, lessonFormat: 'record' },
  contextWindows: [{ endpoint: 'local', model: 'Qwen/Qwen3-32B', tokens: 40960, source: 'default' }],
};

describe('CLI: run settings say when retrieval runs on the offline fallback', () => {
  it('remo show', () => {
    const text = renderState(summary, view);
    // The table wraps long values: check the row's start, then the rest anywhere.
    expect(text).toMatch(/retrieval\s+│ lexical \(hashed n-grams\), the offline fallback: matches shared words, not meaning/);
    expect(text).toMatch(/threshold 0\.4/);
    expect(text).toMatch(/context window\s+│ local 40,960 tokens \(default, the server did not say\)/);
    expect(stateJson(summary, view, false)).toMatchObject({ retrieval: { offlineFallback: true }, contextWindows: [{ tokens: 40960 }] });
  });

  it('the end-of-run summary and its JSON line', () => {
    expect(renderSummary(summary, view)).toContain('offline fallback');
    expect(summaryJson(summary, view).retrieval).toMatchObject({ offlineFallback: true, threshold: 0.4 });
    // Without settings (older callers) nothing changes.
    expect(renderSummary(summary)).not.toContain('retrieval');
  });
});
