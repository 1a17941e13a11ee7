import type { RunState } from '../../../../shared/fold/runState';

/** Validation accuracies so far, oldest first: the seed's, each finished epoch's, and the current epoch's if measured. */
export function valTrend(state: RunState): (number | null)[] {
  const trend = state.metrics.map((m) => m.val);
  if (state.cursor.stage === 'epoch-val' || state.cursor.stage === 'reflect' || state.cursor.stage === 'meta') trend.push(state.accuracies.val);
  return trend;
}
