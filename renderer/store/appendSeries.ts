import type { MetricSeries } from '../../shared/api/timelineViews';

/**
 * Appends a live tail of series (from `runs.metrics` with `afterPosition`) to what is known:
 * batches and evaluations after the last known one; the token curve is sent whole and replaces it.
 */
export function appendSeries(base: MetricSeries, tail: MetricSeries): MetricSeries {
  return {
    runId: base.runId,
    trainBatches: [...base.trainBatches, ...tail.trainBatches.filter((b) => b.position > (base.trainBatches.at(-1)?.position ?? 0))],
    evaluations: [...base.evaluations, ...tail.evaluations.filter((e) => e.position > (base.evaluations.at(-1)?.position ?? 0))],
    tokens: tail.tokens,
  };
}
