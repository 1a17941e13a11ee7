import { useMemo } from 'react';
import type { ExperimentCellView } from '../../../shared/api/experimentViews';
import { StatusBadge } from '../../components/Badge';
import { formatPercent } from '../../format/formatters';
import { useApp } from '../../store/storeContext';
import { cellGrid } from './cellGrid';
import { METHOD_COLORS } from './experimentCurves';

/**
 * The cells as a grid, rows = methods (and varied values), columns = seeds, filling in live: status,
 * progress while running, test accuracy when done. A cell with a run opens it in the run view.
 */
export function CellsGrid({ cells }: { cells: readonly ExperimentCellView[] }) {
  const openCellRun = useApp((s) => s.openCellRun);
  const grid = useMemo(() => cellGrid(cells), [cells]);
  return (
    <section className="panel" aria-label="Cells" data-testid="experiment-cells-grid">
      <header className="panel-header">
        <h3>Cells</h3>
        <span className="muted small">one run each; test = the final test accuracy of the optimized prompt on that run's test items. Open a cell for its run.</span>
      </header>
      <div className="table-wrap">
        <table className="cells-grid">
          <thead>
            <tr><th scope="col">row</th>{grid.seeds.map((seed) => <th key={seed} scope="col">seed {seed}</th>)}</tr>
          </thead>
          <tbody>
            {grid.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row"><i className="swatch" style={{ background: METHOD_COLORS[row.method] }} /> {row.label}</th>
                {row.cells.map((cell, i) => (
                  <td key={grid.seeds[i]}>{cell ? <CellButton cell={cell} label={row.label} onOpen={openCellRun} /> : <span className="muted">–</span>}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CellButton({ cell, label, onOpen }: { cell: ExperimentCellView; label: string; onOpen: (runId: string) => Promise<void> }) {
  const running = cell.status === 'running';
  const fraction = cell.total > 0 ? Math.min(1, cell.done / cell.total) : 0;
  const said = cell.status === 'completed'
    ? `test ${formatPercent(cell.test)}, val ${formatPercent(cell.val)}`
    : running ? `${cell.done} of ${cell.total} done` : cell.status;
  return (
    <button
      type="button"
      className={`cell cell-${cell.status.replace(' ', '-')}`}
      disabled={!cell.runId}
      onClick={() => cell.runId && void onOpen(cell.runId)}
      aria-label={`${label}, seed ${cell.seed}: ${cell.status}${cell.status === 'completed' || running ? `, ${said}` : ''}${cell.runId ? '. Open its run' : ''}`}
      title={cell.runId ? `run ${cell.runId}` : 'no run started yet'}
      data-testid="experiment-cell"
      data-label={label}
      data-seed={cell.seed}
      data-status={cell.status}
      data-run-id={cell.runId ?? ''}
    >
      <span className="cell-head">
        <StatusBadge status={cell.status} />
        {cell.simulated && <span className="cell-sim" title="answered by the built-in simulator: not model results">SIM</span>}
      </span>
      {cell.status === 'completed' ? (
        <span className="cell-main">
          <strong data-testid="cell-test">test {formatPercent(cell.test)}</strong>
          <span className="muted small">val {formatPercent(cell.val)}</span>
        </span>
      ) : running || cell.total > 0 ? (
        <span className="cell-main">
          <span className="cell-progress" aria-hidden="true"><span style={{ width: `${Math.round(fraction * 100)}%` }} /></span>
          <span className="muted small" data-testid="cell-progress">{cell.done}/{cell.total}</span>
        </span>
      ) : (
        <span className="cell-main muted small">{cell.runId ? '' : 'no run yet'}</span>
      )}
    </button>
  );
}
