import { codeOf } from '../../../shared/api/codeOf';
import type { EvaluationPoint, MetricSeries, TrainBatchPoint, UsageColumns } from '../../../shared/api/timelineViews';
import { EVALUATIONS_TABLE, TRAIN_BATCHES_TABLE } from '../projections/run/metricsProjection';
import type { Db } from '../store/types';
import { logicalSegments, selectAcrossSegments } from './logicalSegments';
import { TIMELINE_USAGE_TABLE } from './timelineTables';

/**
 * A run's series, each point stamped with its log position so a client draws only what happened
 * up to the scrubbed point: train-batch accuracy per step, every evaluation, and calls and tokens
 * per role and event. Null for an unknown run. `afterPosition` gives only the points after it (live updates).
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
  const usage: UsageColumns = { roles: [], positions: [], role: [], calls: [], cached: [], promptTokens: [], completionTokens: [] };
  const rows = db.prepare(`SELECT position, role, calls, cached, prompt_tokens AS prompt, completion_tokens AS completion
     FROM ${TIMELINE_USAGE_TABLE} WHERE run_id = ? AND position <= ? AND position > ? ORDER BY position, role`);
  for (const segment of segments) {
    for (const row of rows.iterate(segment.runId, segment.upTo, after) as Iterable<{ position: number; role: string; calls: number; cached: number; prompt: number; completion: number }>) {
      usage.positions.push(row.position);
      usage.role.push(codeOf(usage.roles, row.role));
      usage.calls.push(row.calls);
      usage.cached.push(row.cached);
      usage.promptTokens.push(row.prompt);
      usage.completionTokens.push(row.completion);
    }
  }
  return { runId, trainBatches, evaluations, usage };
}
