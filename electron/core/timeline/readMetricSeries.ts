import type { EvaluationPoint, MetricSeries, TrainBatchPoint, UsagePoint } from '../../../shared/api/timelineViews';
import { EVALUATIONS_TABLE, TRAIN_BATCHES_TABLE } from '../projections/run/metricsProjection';
import type { Db } from '../store/types';
import { logicalSegments, selectAcrossSegments } from './logicalSegments';
import { TIMELINE_USAGE_TABLE } from './timelineTables';

/**
 * A run's series, each point stamped with its log position so a client draws only what happened
 * up to the scrubbed point: train-batch accuracy per step, every evaluation, and calls and tokens
 * per role and event. Null for an unknown run.
 */
export function readMetricSeries(db: Db, runId: string): MetricSeries | null {
  const segments = logicalSegments(db, runId);
  if (segments.length === 0) return null;
  const trainBatches = selectAcrossSegments<TrainBatchPoint>(db, segments,
    `SELECT position, epoch, step, correct, total FROM ${TRAIN_BATCHES_TABLE} WHERE run_id = ? AND position <= ? ORDER BY position`);
  const evaluations = selectAcrossSegments<Omit<EvaluationPoint, 'withNotebook'> & { withNotebook: number }>(db, segments,
    `SELECT position, label, epoch, step, split, accuracy, correct, total, with_notebook AS withNotebook, prompt_version AS promptVersion
     FROM ${EVALUATIONS_TABLE} WHERE run_id = ? AND position <= ? ORDER BY position`).map((row) => ({ ...row, withNotebook: row.withNotebook === 1 }));
  const usage = selectAcrossSegments<UsagePoint>(db, segments,
    `SELECT position, role, calls, cached, prompt_tokens AS promptTokens, completion_tokens AS completionTokens
     FROM ${TIMELINE_USAGE_TABLE} WHERE run_id = ? AND position <= ? ORDER BY position, role`);
  return { runId, trainBatches, evaluations, usage };
}
