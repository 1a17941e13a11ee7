import { describe, expect, it } from 'vitest';
import type { ExperimentCellView } from '../../../shared/api/experimentViews';
import { cellGrid } from '../../../renderer/views/experiments/cellGrid';

function cell(index: number, method: ExperimentCellView['method'], seed: number, vary?: ExperimentCellView['vary']): ExperimentCellView {
  return {
    index, method, seed, ...(vary ? { vary } : {}), runId: `r${index}`, status: 'completed', done: 4, total: 4,
    seedVal: null, seedTest: null, val: null, test: null, calls: 0, tokens: 0, wallSeconds: 0, simulated: true,
  };
}

describe('cellGrid: the cells as rows (methods, varied values) by columns (seeds)', () => {
  it('keeps the grid order of rows and seeds, whatever order the cells come in', () => {
    const cells = [cell(3, 'remo', 2), cell(0, 'textgrad', 2), cell(1, 'textgrad', 0), cell(2, 'remo', 0)];
    const grid = cellGrid(cells);
    expect(grid.seeds).toEqual([2, 0]);
    expect(grid.rows.map((row) => row.label)).toEqual(['textgrad', 'remo']);
    expect(grid.rows[0]!.cells.map((c) => c?.runId)).toEqual(['r0', 'r1']);
    expect(grid.rows[1]!.cells.map((c) => c?.runId)).toEqual(['r3', 'r2']);
  });

  it('a varied key makes one row per method and value, labelled as the aggregated table labels them', () => {
    const cells = [
      cell(0, 'remo', 0, { key: 'retrievalK', value: 1 }), cell(1, 'remo', 1, { key: 'retrievalK', value: 1 }),
      cell(2, 'remo', 0, { key: 'retrievalK', value: 5 }),
    ];
    const grid = cellGrid(cells);
    expect(grid.rows.map((row) => row.label)).toEqual(['remo · retrievalK=1', 'remo · retrievalK=5']);
    // A row without a cell for a seed has a hole there, not a shifted cell.
    expect(grid.rows[1]!.cells.map((c) => c?.runId ?? null)).toEqual(['r2', null]);
  });

  it('no cells, no rows', () => {
    expect(cellGrid([])).toEqual({ seeds: [], rows: [] });
  });
});
