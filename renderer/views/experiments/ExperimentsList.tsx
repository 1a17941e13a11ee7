import { useState } from 'react';
import { SimulatorBadge, StatusBadge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatTime } from '../../format/formatters';
import { useApp } from '../../store/storeContext';
import { NewExperimentForm } from './NewExperimentForm';

/** Every experiment in the database, newest first, with how far its cells got; and the new-experiment form. */
export function ExperimentsList() {
  const experiments = useApp((s) => s.experiments);
  const loaded = useApp((s) => s.experimentsLoaded);
  const error = useApp((s) => s.experimentsError);
  const openExperiment = useApp((s) => s.openExperiment);
  const resumeExperiment = useApp((s) => s.resumeExperiment);
  const [formOpen, setFormOpen] = useState(false);
  const [resuming, setResuming] = useState<string | null>(null);

  async function resume(experimentId: string) {
    setResuming(experimentId);
    await resumeExperiment(experimentId);
    setResuming(null);
  }

  return (
    <section className="panel" aria-label="Experiments" data-testid="experiments-list">
      <header className="panel-header">
        <h2>Experiments</h2>
        <span className="muted small">a base run config × methods × seeds (× one more key): every cell is an ordinary run</span>
        <button type="button" className="button" onClick={() => setFormOpen((open) => !open)} aria-expanded={formOpen} data-testid="new-experiment-toggle">
          {formOpen ? 'Close' : 'New experiment'}
        </button>
      </header>
      {formOpen && <NewExperimentForm onClose={() => setFormOpen(false)} />}
      {error && <ErrorMessage error={error} />}
      {!loaded && !error && <div className="muted loading-block">Loading experiments…</div>}
      {loaded && !error && experiments.length === 0 && (
        <EmptyState title="No experiments yet">
          “New experiment” runs the four methods over a few seeds from one base config and shows their mean, spread and paired tests.
        </EmptyState>
      )}
      {experiments.length > 0 && (
        <div className="table-scroll experiments-scroll">
          <table className="data-table experiments-table" data-testid="experiments-table">
            <thead>
              <tr><th>name</th><th>created</th><th>methods</th><th>seeds</th><th className="num">cells completed</th><th>status</th></tr>
            </thead>
            <tbody>
              {experiments.map((experiment) => (
                <tr key={experiment.experimentId} data-testid="experiment-row-summary" data-experiment-id={experiment.experimentId} data-status={experiment.status}>
                  <td className="name-cell">
                    <button type="button" className="link run-name" onClick={() => void openExperiment(experiment.experimentId)} data-testid="experiment-open">
                      {experiment.name || 'unnamed experiment'}
                    </button>{' '}
                    <span className="muted mono">{experiment.experimentId}</span>
                    {experiment.simulated && <SimulatorBadge />}
                  </td>
                  <td className="muted">{formatTime(experiment.createdAt)}</td>
                  <td>{experiment.methods.join(', ')}</td>
                  <td className="mono">{experiment.seeds.join(', ')}</td>
                  <td className="num" data-testid="experiment-cells">
                    {experiment.completed} / {experiment.cells}
                    <span className="mini-progress" aria-hidden="true"><span style={{ width: `${experiment.cells > 0 ? Math.round((100 * experiment.completed) / experiment.cells) : 0}%` }} /></span>
                  </td>
                  <td>
                    <StatusBadge status={experiment.status} />
                    {experiment.status === 'incomplete' && (
                      <button type="button" className="button resume-button" onClick={() => void resume(experiment.experimentId)} disabled={resuming === experiment.experimentId} data-testid="experiment-resume">
                        {resuming === experiment.experimentId ? 'resuming…' : 'Resume'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
