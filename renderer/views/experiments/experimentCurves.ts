import type { ExperimentCellView } from '../../../shared/api/experimentViews';
import type { Method } from '../../../shared/api/runViews';
import type { EvaluationPoint } from '../../../shared/api/timelineViews';
import { rowLabelOf } from '../../../shared/experiments/experimentCell';
import { epochAccuracy } from '../charts/chartSeries';

/** One colour per method, the same in every chart and legend of the page. */
export const METHOD_COLORS: Record<Method, string> = {
  textgrad: '#2563eb',
  'remo-rag': '#f97316',
  'remo-optimizer': '#10b981',
  remo: '#a855f7',
};

export interface CurveLine {
  runId: string;
  /** Column of the chart rows: `<runId>:val` or `<runId>:test`. */
  key: string;
  split: 'val' | 'test';
  /** "remo · seed 1 val". */
  name: string;
  method: Method;
  color: string;
}

/**
 * Validation and test per epoch for every cell run, overlaid: one row per epoch (0 = the seed
 * prompt) with a `<runId>:val` and a `<runId>:test` column in percent, and the lines to draw,
 * coloured by method. Test is measured at the seed and at the end, so its line joins those two.
 */
export function experimentCurves(cells: readonly ExperimentCellView[], evaluations: Readonly<Record<string, readonly EvaluationPoint[]>>): { rows: Record<string, number>[]; lines: CurveLine[] } {
  const byEpoch = new Map<number, Record<string, number>>();
  const lines: CurveLine[] = [];
  for (const cell of [...cells].sort((a, b) => a.index - b.index)) {
    const points = cell.runId ? evaluations[cell.runId] : undefined;
    if (!cell.runId || !points || points.length === 0) continue;
    const epochs = epochAccuracy({ runId: cell.runId, trainBatches: [], evaluations: [...points], tokens: { roles: [], positions: [], tokens: [] } }, Number.POSITIVE_INFINITY, 0);
    let hasVal = false;
    let hasTest = false;
    for (const point of epochs) {
      const row = byEpoch.get(point.epoch) ?? { epoch: point.epoch };
      if (point.val !== undefined) {
        row[`${cell.runId}:val`] = point.val;
        hasVal = true;
      }
      if (point.test !== undefined) {
        row[`${cell.runId}:test`] = point.test;
        hasTest = true;
      }
      byEpoch.set(point.epoch, row);
    }
    const name = `${rowLabelOf(cell)} · seed ${cell.seed}`;
    const color = METHOD_COLORS[cell.method];
    if (hasVal) lines.push({ runId: cell.runId, key: `${cell.runId}:val`, split: 'val', name: `${name} val`, method: cell.method, color });
    if (hasTest) lines.push({ runId: cell.runId, key: `${cell.runId}:test`, split: 'test', name: `${name} test`, method: cell.method, color });
  }
  return { rows: [...byEpoch.values()].sort((a, b) => a.epoch! - b.epoch!), lines };
}
