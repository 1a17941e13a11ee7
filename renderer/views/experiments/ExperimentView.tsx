import { lazy, Suspense, useMemo, useState } from 'react';
import { SimulatorBadge, StatusBadge } from '../../components/Badge';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatTime } from '../../format/formatters';
import { useApp } from '../../store/storeContext';
import { AggregateTable } from './AggregateTable';
import { CellsGrid } from './CellsGrid';
import { cellGrid } from './cellGrid';
import { describeBase } from './describeBase';
import { PairedTestsTable } from './PairedTestsTable';

const ExperimentCurvesChart = lazy(() => import('./ExperimentCurvesChart').then((module) => ({ default: module.ExperimentCurvesChart })));

/**
 * One experiment: its cells filling in live, the aggregated table over seeds, every cell's curves
 * overlaid, and the paired tests between rows. All numbers are the core's (`experiments.show`).
 */
export function ExperimentView() {
  const experiment = useApp((s) => s.experiment);
  const error = useApp((s) => s.experimentError);
  const evaluations = useApp((s) => s.cellEvaluations);
  const openExperiment = useApp((s) => s.openExperiment);
  const resumeExperiment = useApp((s) => s.resumeExperiment);
  const [resuming, setResuming] = useState(false);
  const cellsPerRow = useMemo(
    () => Object.fromEntries(experiment ? cellGrid(experiment.cellViews).rows.map((row) => [row.label, row.cells.filter(Boolean).length]) : []),
    [experiment],
  );
  const back = (
    <button type="button" className="button" onClick={() => void openExperiment(null)} data-testid="experiment-back">← Experiments</button>
  );
  if (!experiment) {
    return (
      <section className="panel" aria-label="Experiment" data-testid="experiment-loading">
        <header className="panel-header">{back}</header>
        {error ? <ErrorMessage error={error} /> : <div className="muted loading-block">Loading the experiment…</div>}
      </section>
    );
  }
  const vary = (experiment.grid as { vary?: { key: string; values: unknown[] } }).vary;
  async function resume() {
    setResuming(true);
    await resumeExperiment(experiment!.experimentId);
    setResuming(false);
  }
  return (
    <div className="experiment-view" data-testid="experiment-view" data-experiment-id={experiment.experimentId} data-status={experiment.status}>
      <section className="panel" aria-label="Experiment">
        <header className="panel-header experiment-header">
          {back}
          <h2 data-testid="experiment-title">{experiment.name || 'unnamed experiment'}</h2>
          <span className="muted mono">{experiment.experimentId}</span>
          <StatusBadge status={experiment.status} />
          {experiment.simulated && <SimulatorBadge />}
          {experiment.status === 'incomplete' && (
            <button type="button" className="button primary" onClick={() => void resume()} disabled={resuming} title="Start the cells without a run and resume the runs that did not complete" data-testid="experiment-resume">
              {resuming ? 'Resuming…' : 'Resume'}
            </button>
          )}
        </header>
        {error && <ErrorMessage error={error} />}
        <dl className="facts">
          <div><dt>cells completed</dt><dd data-testid="experiment-completed">{experiment.completed} of {experiment.cells}</dd></div>
          <div><dt>methods</dt><dd>{experiment.methods.join(', ')}</dd></div>
          <div><dt>seeds</dt><dd>{experiment.seeds.join(', ')}</dd></div>
          {vary && <div><dt>varied</dt><dd>{vary.key} = {vary.values.map((value) => JSON.stringify(value)).join(', ')}</dd></div>}
          <div><dt>created</dt><dd>{formatTime(experiment.createdAt)}</dd></div>
        </dl>
        <div className="small muted experiment-base" data-testid="experiment-base">
          base: {describeBase(experiment.base).join(' · ')}
          <details>
            <summary>the base config as recorded</summary>
            <pre className="prompt-text small-text">{JSON.stringify(experiment.base, null, 2)}</pre>
          </details>
        </div>
        {experiment.simulated && (
          <p className="small sim-note" data-testid="experiment-simulated">
            SIMULATOR: these runs were answered by the built-in simulator, a scripted fake model for tests and demos; their numbers are not model results.
          </p>
        )}
      </section>
      <CellsGrid cells={experiment.cellViews} />
      <AggregateTable rows={experiment.rows} cellsPerRow={cellsPerRow} />
      <div className="experiment-pair">
        <Suspense fallback={<div className="panel muted small chart-empty">Loading the curves…</div>}>
          <ExperimentCurvesChart cells={experiment.cellViews} evaluations={evaluations} />
        </Suspense>
        <PairedTestsTable comparisons={experiment.comparisons} />
      </div>
    </div>
  );
}
