import type { ExperimentCellView } from '../../../shared/api/experimentViews';
import { rowLabelOf } from '../../../shared/experiments/experimentCell';

/** One row of the cells grid: a method (and varied value), its cells in the grid's seed order. */
export interface CellGridRow {
  /** The same label as the aggregated table's row (rowLabelOf). */
  label: string;
  method: ExperimentCellView['method'];
  /** One per seed column; null where the grid has no such cell. */
  cells: (ExperimentCellView | null)[];
}

export interface CellGrid {
  /** Column heads, in the grid's seed order. */
  seeds: number[];
  rows: CellGridRow[];
}

/**
 * The experiment's cells laid out as a grid: rows are methods (and varied values) and columns are
 * seeds, both in the grid's own order (the order of the cells' indexes).
 */
export function cellGrid(cells: readonly ExperimentCellView[]): CellGrid {
  const ordered = [...cells].sort((a, b) => a.index - b.index);
  const seeds: number[] = [];
  const rows = new Map<string, { method: ExperimentCellView['method']; bySeed: Map<number, ExperimentCellView> }>();
  for (const cell of ordered) {
    if (!seeds.includes(cell.seed)) seeds.push(cell.seed);
    const label = rowLabelOf(cell);
    let row = rows.get(label);
    if (!row) {
      row = { method: cell.method, bySeed: new Map() };
      rows.set(label, row);
    }
    row.bySeed.set(cell.seed, cell);
  }
  return {
    seeds,
    rows: [...rows].map(([label, row]) => ({ label, method: row.method, cells: seeds.map((seed) => row.bySeed.get(seed) ?? null) })),
  };
}
