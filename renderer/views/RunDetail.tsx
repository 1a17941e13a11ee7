import { SimulatorBadge, StatusBadge } from '../components/Badge';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatCount, formatPercent } from '../format/formatters';
import { useApp } from '../store/storeContext';
import { NotebookList } from './NotebookList';
import { PromptPanel } from './PromptPanel';
import { Timeline } from './Timeline';
import { ValChart } from './ValChart';

/** One run: controls, the scrubber, and the state at the scrubbed point. */
export function RunDetail() {
  const runId = useApp((s) => s.selectedRunId);
  const summary = useApp((s) => s.summary);
  const endState = useApp((s) => s.endState);
  const state = useApp((s) => s.pointState);
  const point = useApp((s) => s.point);
  const error = useApp((s) => s.detailError);
  const pauseRun = useApp((s) => s.pauseRun);
  const resumeRun = useApp((s) => s.resumeRun);
  const stopRun = useApp((s) => s.stopRun);
  const forkHere = useApp((s) => s.forkHere);
  const selectRun = useApp((s) => s.selectRun);

  if (!runId) return <EmptyState title="Select a run">Pick a run above to scrub through its epochs.</EmptyState>;
  if (error && !summary) return <ErrorMessage error={error} />;
  if (!summary) return <div className="muted">Loading run…</div>;

  const running = summary.status === 'running';
  const resumable = summary.status === 'paused' || summary.status === 'interrupted';
  const forkLabel =
    point === 'end' ? 'Fork from end' : point === 0 ? 'Fork from seed' : typeof point === 'number' ? `Fork from epoch ${point}` : `Fork from position ${point.position}`;
  // The epoch the panels show, for highlighting (the end of the log counts as no particular epoch).
  const shownEpoch = point === 'end' ? null : (state?.epoch ?? null);

  return (
    <section className="run-detail" aria-label="Run detail" data-testid="run-detail" data-run-id={summary.runId}>
      <header className="run-header">
        <div className="run-title">
          <h2 data-testid="run-title">{summary.name}</h2>
          <StatusBadge status={summary.status} />
          {summary.simulated && <SimulatorBadge />}
          <span className="muted small">
            {summary.method} · {summary.runId}
          </span>
          {summary.parentRunId && (
            <button type="button" className="link small" onClick={() => void selectRun(summary.parentRunId ?? null)}>
              forked from {summary.parentRunId} @ {summary.parentPosition}
            </button>
          )}
        </div>
        <div className="run-actions">
          <button type="button" className="button" onClick={() => void pauseRun()} disabled={!running} data-testid="pause">
            Pause
          </button>
          <button type="button" className="button" onClick={() => void resumeRun()} disabled={!resumable} data-testid="resume">
            Resume
          </button>
          <button type="button" className="button danger" onClick={() => void stopRun()} disabled={!running && !resumable} data-testid="stop">
            Stop
          </button>
          <button type="button" className="button primary" onClick={() => void forkHere()} data-testid="fork">
            {forkLabel}
          </button>
        </div>
      </header>
      {summary.statusReason && <div className="status-reason muted small">{summary.statusReason}</div>}
      <dl className="facts">
        <div><dt>seed val</dt><dd>{formatPercent(summary.seedVal)}</dd></div>
        <div><dt>val</dt><dd>{formatPercent(summary.val)}</dd></div>
        <div><dt>seed test</dt><dd>{formatPercent(summary.seedTest)}</dd></div>
        <div><dt>test</dt><dd>{formatPercent(summary.test)}</dd></div>
        <div><dt>test, prompt only</dt><dd>{formatPercent(summary.testPromptOnly)}</dd></div>
        <div><dt>calls</dt><dd>{formatCount(summary.usage.calls)}</dd></div>
        <div><dt>tokens in/out</dt><dd>{formatCount(summary.usage.promptTokens)} / {formatCount(summary.usage.completionTokens)}</dd></div>
      </dl>
      <Timeline />
      {error && <ErrorMessage error={error} />}
      {state && (
        <div className="detail-grid">
          <PromptPanel />
          <div className="detail-side">
            <section className="panel" aria-label="Validation accuracy">
              <header className="panel-header">
                <h3>Validation accuracy</h3>
              </header>
              <ValChart metrics={endState?.metrics ?? state.metrics} epoch={shownEpoch} />
              <table className="metrics-table" data-testid="metrics-table">
                <thead>
                  <tr><th>epoch</th><th className="num">val</th><th className="num">P</th><th className="num">Q</th><th className="num">notebook</th></tr>
                </thead>
                <tbody>
                  {state.metrics.map((m) => (
                    <tr key={m.epoch} className={m.epoch === shownEpoch ? 'selected' : undefined}>
                      <td>{m.epoch === 0 ? 'seed' : m.epoch}</td>
                      <td className="num">{formatPercent(m.val)}</td>
                      <td className="num">v{m.promptVersion}</td>
                      <td className="num">v{m.optimizerVersion}</td>
                      <td className="num">{m.notebookSize}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="panel" aria-label="Notebook">
              <header className="panel-header">
                <h3>Mistake notebook</h3>
                <span className="muted small" data-testid="notebook-count">{state.notebook.length === 1 ? '1 entry' : `${state.notebook.length} entries`}</span>
              </header>
              <NotebookList entries={state.notebook} />
            </section>
          </div>
        </div>
      )}
    </section>
  );
}
