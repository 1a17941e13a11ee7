import { useState } from 'react';
import { SimulatorBadge, StatusBadge } from '../components/Badge';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatCount, formatDuration, formatPercent, formatTime } from '../format/formatters';
import { useApp } from '../store/storeContext';
import { NewRunForm } from './NewRunForm';

/** Every run in the database, newest first, refreshed by pushed events. */
export function RunsList() {
  const runs = useApp((s) => s.runs);
  const loaded = useApp((s) => s.runsLoaded);
  const error = useApp((s) => s.runsError);
  const selectedRunId = useApp((s) => s.selectedRunId);
  const selectRun = useApp((s) => s.selectRun);
  const [formOpen, setFormOpen] = useState(false);
  const sorted = [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <section className="panel runs-panel" aria-label="Runs">
      <header className="panel-header">
        <h2>Runs</h2>
        <span className="muted">{loaded ? `${runs.length} in this database` : 'loading…'}</span>
        <button type="button" className="button" onClick={() => setFormOpen((open) => !open)} data-testid="new-run-toggle">
          {formOpen ? 'Close' : 'New run'}
        </button>
      </header>
      {formOpen && <NewRunForm onDone={() => setFormOpen(false)} />}
      {error && <ErrorMessage error={error} />}
      {loaded && !error && runs.length === 0 && (
        <EmptyState title="No runs yet">
          Start one with <code>remo run</code> in a terminal, or with “New run” above.
        </EmptyState>
      )}
      {runs.length > 0 && (
        <div className="table-scroll">
          <table className="runs-table" data-testid="runs-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Method</th>
                <th>Status</th>
                <th className="num">Epochs</th>
                <th className="num">Val</th>
                <th className="num">Test</th>
                <th className="num">Calls</th>
                <th className="num">Tokens</th>
                <th className="num">Time</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((run) => (
                <tr
                  key={run.runId}
                  className={run.runId === selectedRunId ? 'selected' : undefined}
                  onClick={() => void selectRun(run.runId)}
                  data-testid="run-row"
                  data-run-id={run.runId}
                  aria-selected={run.runId === selectedRunId}
                >
                  <td>
                    <button type="button" className="link run-name" onClick={() => void selectRun(run.runId)}>
                      {run.name}
                    </button>
                    {run.parentRunId && <span className="muted small"> fork</span>}
                    {run.simulated && <SimulatorBadge />}
                  </td>
                  <td>{run.method}</td>
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <td className="num">
                    {run.epochsDone}/{run.epochsPlanned}
                  </td>
                  <td className="num">{formatPercent(run.val)}</td>
                  <td className="num">{formatPercent(run.test)}</td>
                  <td className="num">{formatCount(run.usage.calls)}</td>
                  <td className="num">{formatCount(run.usage.promptTokens + run.usage.completionTokens)}</td>
                  <td className="num">{formatDuration(run.wallSeconds)}</td>
                  <td className="muted">{formatTime(run.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
