import type { MetricSeries } from '../../../shared/api/timelineViews';

/**
 * Pure shaping of the run's series for the charts, cut at the cursor: nothing after the scrubbed
 * position is returned, so a chart never draws the future as if it had happened.
 */

export interface BatchPoint { batch: number; accuracy: number; rolling: number }

/** Train-batch accuracy (%) per minibatch, with the mean of the last `window` batches. */
export function batchAccuracy(series: MetricSeries, upTo: number, window = 5): BatchPoint[] {
  const points: BatchPoint[] = [];
  const recent: number[] = [];
  series.trainBatches.forEach((batch, i) => {
    if (batch.position > upTo) return;
    const accuracy = batch.total === 0 ? 0 : (100 * batch.correct) / batch.total;
    recent.push(accuracy);
    if (recent.length > window) recent.shift();
    points.push({ batch: i + 1, accuracy: round(accuracy), rolling: round(recent.reduce((a, b) => a + b, 0) / recent.length) });
  });
  return points;
}

export interface EpochPoint { epoch: number; val?: number; valPromptOnly?: number; test?: number; testPromptOnly?: number }

/** Validation and test accuracy (%) by epoch: seed (epoch 0), each epoch's validation, the final test. */
export function epochAccuracy(series: MetricSeries, upTo: number, lastEpoch: number): EpochPoint[] {
  const byEpoch = new Map<number, EpochPoint>();
  const at = (epoch: number) => {
    let point = byEpoch.get(epoch);
    if (!point) {
      point = { epoch };
      byEpoch.set(epoch, point);
    }
    return point;
  };
  for (const evaluation of series.evaluations) {
    if (evaluation.position > upTo) continue;
    const value = round(evaluation.accuracy * 100);
    switch (evaluation.label) {
      case 'seed-val': case 'epoch-val': case 'val-prompt-only':
        at(evaluation.epoch)[evaluation.withNotebook ? 'val' : 'valPromptOnly'] = value;
        break;
      case 'seed-test': at(0).test = value; break;
      case 'test': at(Math.max(lastEpoch, evaluation.epoch)).test = value; break;
      case 'test-prompt-only': at(Math.max(lastEpoch, evaluation.epoch)).testPromptOnly = value; break;
    }
  }
  // Without a notebook the prompt-only score is the validation score; show it once, as val.
  for (const point of byEpoch.values()) {
    if (point.val === undefined && point.valPromptOnly !== undefined) {
      point.val = point.valPromptOnly;
      delete point.valPromptOnly;
    }
  }
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

export interface RoleTotals { role: string; calls: number; cached: number; promptTokens: number; completionTokens: number }

/** Per-role totals of the state at the cursor (exact), biggest spender first. */
export function roleTotals(usageByRole: Record<string, { calls: number; cachedCalls: number; promptTokens: number; completionTokens: number }> | undefined): RoleTotals[] {
  return Object.entries(usageByRole ?? {})
    .map(([role, usage]) => ({ role, calls: usage.calls, cached: usage.cachedCalls, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens }))
    .filter((row) => row.calls > 0)
    .sort((a, b) => b.promptTokens + b.completionTokens - (a.promptTokens + a.completionTokens));
}

/** The token curve's points at or before `upTo`, as chart rows (`position` plus one key per role). */
export function cumulativeTokens(series: MetricSeries, upTo: number): { roles: string[]; points: Record<string, number>[] } {
  const { roles, positions, tokens } = series.tokens;
  const points: Record<string, number>[] = [];
  for (let i = 0; i < positions.length && positions[i]! <= upTo; i += 1) {
    const point: Record<string, number> = { position: positions[i]! };
    roles.forEach((role, r) => (point[role] = tokens[r]?.[i] ?? 0));
    points.push(point);
  }
  return { roles: [...roles].sort(), points };
}

const round = (value: number) => Math.round(value * 10) / 10;
