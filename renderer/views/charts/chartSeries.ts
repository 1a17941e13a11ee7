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

/** Number of usage entries at or before `upTo` (entries are in position order). */
function usageCut(series: MetricSeries, upTo: number): number {
  const positions = series.usage.positions;
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid]! <= upTo) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Calls and tokens per role up to the cursor, biggest spender first. */
export function roleTotals(series: MetricSeries, upTo: number): RoleTotals[] {
  const { usage } = series;
  const totals = usage.roles.map((role) => ({ role, calls: 0, cached: 0, promptTokens: 0, completionTokens: 0 }));
  const cut = usageCut(series, upTo);
  for (let i = 0; i < cut; i += 1) {
    const row = totals[usage.role[i]!]!;
    row.calls += usage.calls[i]!;
    row.cached += usage.cached[i]!;
    row.promptTokens += usage.promptTokens[i]!;
    row.completionTokens += usage.completionTokens[i]!;
  }
  return totals.filter((row) => row.calls > 0).sort((a, b) => b.promptTokens + b.completionTokens - (a.promptTokens + a.completionTokens));
}

/**
 * Cumulative tokens per role over the log, in at most `buckets` points between the first and the
 * last position of the run (fixed, so the x axis does not move while scrubbing), cut at `upTo`.
 */
export function cumulativeTokens(series: MetricSeries, first: number, last: number, upTo: number, buckets = 120): { roles: string[]; points: Record<string, number>[] } {
  const { usage } = series;
  const roles = [...usage.roles].sort();
  const span = Math.max(1, last - first);
  const totals: Record<string, number> = Object.fromEntries(roles.map((role) => [role, 0]));
  const points: Record<string, number>[] = [];
  const cut = usageCut(series, upTo);
  let next = 0;
  const edge = (b: number) => first + (span * b) / buckets;
  for (let b = 0; b <= buckets; b += 1) {
    const bound = Math.min(edge(b), upTo);
    while (next < cut && usage.positions[next]! <= bound) {
      const role = usage.roles[usage.role[next]!]!;
      totals[role] = (totals[role] ?? 0) + usage.promptTokens[next]! + usage.completionTokens[next]!;
      next += 1;
    }
    points.push({ position: Math.round(bound), ...totals });
    if (edge(b) >= upTo) break;
  }
  return { roles, points };
}

const round = (value: number) => Math.round(value * 10) / 10;
