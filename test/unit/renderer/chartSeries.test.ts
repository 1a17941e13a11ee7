import { describe, expect, it } from 'vitest';
import type { MetricSeries } from '../../../shared/api/timelineViews';
import { batchAccuracy, cumulativeTokens, epochAccuracy, roleTotals } from '../../../renderer/views/charts/chartSeries';
import { notebookChanges } from '../../../renderer/views/notebook/notebookChanges';
import { appendSeries } from '../../../renderer/store/appendSeries';

const series: MetricSeries = {
  runId: 'r',
  trainBatches: [
    { position: 10, epoch: 1, step: 1, correct: 1, total: 3 },
    { position: 20, epoch: 1, step: 2, correct: 3, total: 3 },
    { position: 40, epoch: 2, step: 1, correct: 2, total: 3 },
  ],
  evaluations: [
    { position: 5, label: 'seed-val', epoch: 0, step: 0, split: 'val', accuracy: 0.5, correct: 5, total: 10, withNotebook: false, promptVersion: 0 },
    { position: 6, label: 'seed-test', epoch: 0, step: 0, split: 'test', accuracy: 0.4, correct: 4, total: 10, withNotebook: false, promptVersion: 0 },
    { position: 30, label: 'epoch-val', epoch: 1, step: 0, split: 'val', accuracy: 0.7, correct: 7, total: 10, withNotebook: true, promptVersion: 1 },
    { position: 31, label: 'epoch-val', epoch: 1, step: 0, split: 'val', accuracy: 0.6, correct: 6, total: 10, withNotebook: false, promptVersion: 1 },
    { position: 60, label: 'test', epoch: 2, step: 0, split: 'test', accuracy: 0.8, correct: 8, total: 10, withNotebook: true, promptVersion: 2 },
  ],
  // Sampled: solver 33 tokens at 10, critic 110 at 15, solver 33 more at 50.
  tokens: { roles: ['solver', 'critic'], positions: [10, 20, 60], tokens: [[33, 33, 66], [0, 110, 110]] },
};

describe('chart series cut at the cursor', () => {
  it('draws no batch after the cursor, with a rolling mean', () => {
    expect(batchAccuracy(series, 25, 2)).toEqual([
      { batch: 1, accuracy: 33.3, rolling: 33.3 },
      { batch: 2, accuracy: 100, rolling: 66.7 },
    ]);
    expect(batchAccuracy(series, 9)).toEqual([]);
  });

  it('shows seed and epoch validation, prompt-only apart, and the final test only once it happened', () => {
    expect(epochAccuracy(series, 31, 2)).toEqual([
      { epoch: 0, val: 50, test: 40 },
      { epoch: 1, val: 70, valPromptOnly: 60 },
    ]);
    expect(epochAccuracy(series, 100, 2).at(-1)).toEqual({ epoch: 2, test: 80 });
  });

  it("places the engine's val-prompt-only evaluations (P without the notebook) beside the system's val", () => {
    const withLabel: MetricSeries = { ...series, evaluations: [
      { position: 30, label: 'epoch-val', epoch: 1, step: 2, split: 'val', accuracy: 0.7, correct: 7, total: 10, withNotebook: true, promptVersion: 1 },
      { position: 31, label: 'val-prompt-only', epoch: 1, step: 2, split: 'val', accuracy: 0.6, correct: 6, total: 10, withNotebook: false, promptVersion: 1 },
    ] };
    expect(epochAccuracy(withLabel, 31, 2)).toEqual([{ epoch: 1, val: 70, valPromptOnly: 60 }]);
  });

  it('lists the state\'s per-role totals, biggest spender first, without idle roles', () => {
    const usage = { cachedCalls: 0, estimatedCalls: 0, seconds: 0 };
    expect(roleTotals({
      solver: { ...usage, calls: 3, promptTokens: 30, completionTokens: 3 },
      critic: { ...usage, calls: 1, cachedCalls: 1, promptTokens: 100, completionTokens: 10 },
      reflector: { ...usage, calls: 0, promptTokens: 0, completionTokens: 0 },
    })).toEqual([
      { role: 'critic', calls: 1, cached: 1, promptTokens: 100, completionTokens: 10 },
      { role: 'solver', calls: 3, cached: 0, promptTokens: 30, completionTokens: 3 },
    ]);
    expect(roleTotals(undefined)).toEqual([]);
  });

  it('draws the token curve only up to the cursor', () => {
    const { roles, points } = cumulativeTokens(series, 20);
    expect(roles).toEqual(['critic', 'solver']);
    expect(points).toEqual([{ position: 10, solver: 33, critic: 0 }, { position: 20, solver: 33, critic: 110 }]);
    expect(cumulativeTokens(series, 5).points).toEqual([]);
  });

  it('appends a live tail without repeating points and takes the new token curve whole', () => {
    const tail: MetricSeries = {
      runId: 'r',
      trainBatches: [series.trainBatches[2]!, { position: 70, epoch: 2, step: 2, correct: 3, total: 3 }],
      evaluations: [],
      tokens: { roles: ['solver'], positions: [80], tokens: [[99]] },
    };
    const merged = appendSeries(series, tail);
    expect(merged.trainBatches.map((b) => b.position)).toEqual([10, 20, 40, 70]);
    expect(merged.evaluations).toEqual(series.evaluations);
    expect(merged.tokens).toBe(tail.tokens);
  });

  it('marks notebook entries created or rewritten since a position', () => {
    const entry = (entryId: number, createdAt: number, updatedAt: number) => ({ entryId, itemId: 'i', question: 'q', gold: '1', predicted: '2', lesson: 'l', failCount: 1, resolved: false, createdAt, updatedAt });
    const changes = notebookChanges([entry(1, 5, 5), entry(2, 5, 50), entry(3, 60, 60)], 40);
    expect([changes.added, changes.changed]).toEqual([1, 1]);
    expect([...changes.marks]).toEqual([[2, 'changed'], [3, 'new']]);
  });
});
