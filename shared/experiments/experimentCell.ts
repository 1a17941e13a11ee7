import type { Method } from '../api/runViews';
import type { ExperimentConfig, VaryValue } from './experimentConfig';

/** One cell of an experiment's grid: a method, a seed and (when the grid varies a key) its value. */
export interface ExperimentCell {
  /** Index in the grid's order (methods, then varied values, then seeds). */
  index: number;
  method: Method;
  seed: number;
  vary?: { key: string; value: VaryValue };
}

/** The grid's cells in a fixed order: per method, per varied value, per seed. */
export function expandGrid(config: ExperimentConfig): ExperimentCell[] {
  const cells: ExperimentCell[] = [];
  const vary = config.grid.vary;
  const values: (VaryValue | undefined)[] = vary ? vary.values : [undefined];
  for (const method of config.grid.methods) {
    for (const value of values) {
      for (const seed of config.grid.seeds) {
        cells.push({ index: cells.length, method, seed, ...(vary ? { vary: { key: vary.key, value: value as VaryValue } } : {}) });
      }
    }
  }
  return cells;
}

/** The label of a cell's row in the aggregated table: its method, and the varied value when there is one. */
export function rowLabelOf(cell: Pick<ExperimentCell, 'method' | 'vary'>): string {
  return cell.vary ? `${cell.method} · ${cell.vary.key}=${JSON.stringify(cell.vary.value)}` : cell.method;
}

/** The run config of one cell: the base with the cell's method, seed, varied key and a name saying where it belongs. */
export function cellRunConfig(config: ExperimentConfig, cell: ExperimentCell): Record<string, unknown> {
  const experimentName = config.name || 'experiment';
  const varied = cell.vary ? ` · ${cell.vary.key}=${JSON.stringify(cell.vary.value)}` : '';
  return {
    ...config.base,
    ...(cell.vary ? { [cell.vary.key]: cell.vary.value } : {}),
    method: cell.method,
    seed: cell.seed,
    name: `${experimentName} · ${cell.method}${varied} · seed ${cell.seed}`.slice(0, 200),
  };
}
