import type { EvaluationPoint, MetricSeries, TrainBatchPoint } from '../../../shared/api/timelineViews';
import { readTokenCurve } from './readTokenCurve';
import { EVALUATIONS_TABLE, TRAIN_BATCHES_TABLE } from '../projections/run/metricsProjection';
import type { Db } from '../store/types';
import { logicalSegments, selectAcrossSegments } from './logicalSegments';

/**
 * A run's series, each point stamped with its log position so a client draws only what happened
 * up to the scrubbed point: train-batch accuracy per step, every evaluation, and tokens per role
 * over the log (sampled). Null for an unknown run. `afterPosition` gives only the batches and
 * evaluations after it (live updates); the token curve is always whole (it is small).
 */
export function readMetricSeries(db: Db, runId: string, afterPosition = 0): MetricSeries | null {
  const segments = logicalSegments(db, runId);
  if (segments.length === 0) return null;
  const after = Math.max(0, Math.floor(afterPosition));
  const trainBatches = selectAcrossSegments<TrainBatchPoint>(db, segments,
    `SELECT position, epoch, step, correct, total FROM ${TRAIN_BATCHES_TABLE} WHERE run_id = ? AND position <= ? AND position > ${after} ORDER BY position`);
  const evaluations = selectAcrossSegments<Omit<EvaluationPoint, 'withNotebook'> & { withNotebook: number }>(db, segments,
    `SELECT position, label, epoch, step, split, accuracy, correct, total, with_notebook AS withNotebook, prompt_version AS promptVersion
     FROM ${EVALUATIONS_TABLE} WHERE run_id = ? AND position <= ? AND position > ${after} ORDER BY position`).map((row) => ({ ...row, withNotebook: row.withNotebook === 1 }));
  const tokens = readTokenCurve(db, segments);
  return { runId, trainBatches, evaluations, tokens };
}
