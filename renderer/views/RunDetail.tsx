import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { SimulatorBadge, StatusBadge } from '../components/Badge';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { emitAppEvent } from '../appEvents';
import { formatCount, formatDuration, formatPercent } from '../format/formatters';
import { useApp } from '../store/storeContext';
import { epochEndingAt } from '../store/detailSlice';
import { EventInspector } from './inspector/EventInspector';
import { NotebookPanel } from './notebook/NotebookPanel';
import { ProvenancePanel } from './prompts/ProvenancePanel';
import { RetrievalSettings } from './RetrievalSettings';
import { VersionedText } from './prompts/VersionedText';
import { Timeline } from './timeline/Timeline';
import { ForkDialog } from './fork/ForkDialog';
import { FixEndpointDialog } from './runs/FixEndpointDialog';
import { RunProgressBar } from './runs/RunProgressBar';

// The charts (recharts) load in their own chunk: the run's state shows without waiting for them.
const RunCharts = lazy(() => import('./charts/RunCharts').then((module) => ({ default: module.RunCharts })));

/** One run: controls, the time-travel scrubber, and everything as it was at the scrubbed point. */
export function RunDetail() {
  const runId = useApp((s) => s.selectedRunId);
  const summary = useApp((s) => s.summary);
  // Only whether a state is shown: the panels subscribe to the state themselves, so a scrub step
  // re-renders the panels whose data changed, not this whole view.
  const hasState = useApp((s) => s.pointState !== null);
  // Primitives, so a scrub step re-renders this view only when the best checkpoint changes.
  const bestValAccuracy = useApp((s) => s.pointState?.bestVal?.accuracy ?? null);
  const bestValEpoch = useApp((s) => s.pointState?.bestVal?.epoch ?? null);
  const error = useApp((s) => s.detailError);
  const pinned = useApp((s) => s.pinned);
  const children = useApp((s) => s.timeline?.forks) ?? NO_FORKS;
  const pauseRun = useApp((s) => s.pauseRun);
  const resumeRun = useApp((s) => s.resumeRun);
  const stopRun = useApp((s) => s.stopRun);
  const openCompare = useApp((s) => s.openCompare);
  const exportRun = useApp((s) => s.exportRun);
  const [dialog, setDialog] = useState<'fork' | 'fix' | null>(null);
  const selectRun = useApp((s) => s.selectRun);
  const pinHere = useApp((s) => s.pinHere);
  const unpin = useApp((s) => s.unpin);

  if (!runId) return <EmptyState title="Select a run">Pick a run above to travel through its history.</EmptyState>;
  if (error && !summary) return <ErrorMessage error={error} />;
  if (!summary) return <div className="panel muted loading-block" data-testid="run-loading">Loading the run…</div>;

  const running = summary.status === 'running';
  const resumable = summary.status === 'paused' || summary.status === 'interrupted' || summary.status === 'failed';

  return (
    <section className="run-detail" aria-label="Run detail" data-testid="run-detail" data-run-id={summary.runId}>
      <ShownTiming />
      <header className="run-header">
        <div className="run-title">
          <h2 data-testid="run-title">{summary.name}</h2>
          <StatusBadge status={summary.status} />
          {summary.simulated && <SimulatorBadge />}
          <span className="muted small">{summary.method} · {summary.runId}</span>
          {summary.model && <span className="muted small">{summary.model}</span>}
          {summary.parentRunId && (
            <button type="button" className="link small" onClick={() => void selectRun(summary.parentRunId ?? null, summary.parentPosition)} data-testid="parent-link">
              forked from {summary.parentRunId} @ {summary.parentPosition}
            </button>
          )}
        </div>
        <div className="run-actions">
          <button type="button" className="button" onClick={() => void pauseRun()} disabled={!running} data-testid="pause">Pause</button>
          <button type="button" className="button" onClick={() => void resumeRun()} disabled={!resumable} data-testid="resume">Resume</button>
          <button type="button" className="button danger" onClick={() => void stopRun()} disabled={!running && !resumable} data-testid="stop">Stop</button>
          {summary.status === 'failed' && (
            <button type="button" className="button" onClick={() => setDialog('fix')} data-testid="fix-endpoint">Fix endpoint…</button>
          )}
          {summary.parentRunId && (
            <button type="button" className="button" onClick={() => void openCompare([summary.parentRunId!, summary.runId])} data-testid="compare-parent">Compare with parent</button>
          )}
          <ForkButton onClick={() => setDialog('fork')} />
          <button type="button" className="button" onClick={() => void exportRun(summary.runId)} title="Save the run's log as a file (remo export): import it into another database" data-testid="export-run">Export</button>
        </div>
      </header>
      {dialog === 'fork' && <ForkDialog onClose={() => setDialog(null)} />}
      {dialog === 'fix' && <FixEndpointDialog onClose={() => setDialog(null)} />}
      <RunProgressBar />
      {children.length > 0 && (
        <div className="lineage small" data-testid="lineage">
          children:{' '}
          {children.map((child) => (
            <button key={child.runId} type="button" className="link" onClick={() => void selectRun(child.runId)} data-testid="child-link">
              {child.name} ({child.runId}) @ {child.position}
            </button>
          ))}
        </div>
      )}
      {summary.statusReason && <div className="status-reason muted small">{summary.statusReason}</div>}
      <dl className="facts">
        <div><dt>seed val</dt><dd>{formatPercent(summary.seedVal)}</dd></div>
        <div><dt>val</dt><dd>{formatPercent(summary.val)}</dd></div>
        {typeof summary.valPromptOnly === 'number' && <div><dt>val, prompt only</dt><dd>{formatPercent(summary.valPromptOnly)}</dd></div>}
        {bestValAccuracy !== null && <div><dt>best val</dt><dd data-testid="best-val">{formatPercent(bestValAccuracy)} (epoch {bestValEpoch})</dd></div>}
        <div><dt>seed test</dt><dd>{formatPercent(summary.seedTest)}</dd></div>
        <div><dt>test</dt><dd>{formatPercent(summary.test)}</dd></div>
        <div><dt>test, prompt only</dt><dd>{formatPercent(summary.testPromptOnly)}</dd></div>
        <div><dt>calls</dt><dd>{formatCount(summary.usage.calls)}</dd></div>
        <div><dt>tokens in/out</dt><dd>{formatCount(summary.usage.promptTokens)} / {formatCount(summary.usage.completionTokens)}</dd></div>
        <div><dt>time</dt><dd>{formatDuration(summary.wallSeconds)}</dd></div>
      </dl>
      <RetrievalSettings />
      <Timeline />
      {error && <ErrorMessage error={error} />}
      <div className="pin-bar small">
        {pinned ? (
          <>
            <span data-testid="pinned">pinned: position {pinned.position} (P v{pinned.state.prompt.version}, Q v{pinned.state.optimizerInstructions.version})</span>
            <button type="button" className="link" onClick={unpin} data-testid="unpin">unpin</button>
          </>
        ) : (
          <button type="button" className="link" onClick={pinHere} disabled={!hasState} data-testid="pin">
            pin this point (to diff against it from another)
          </button>
        )}
      </div>
      {hasState ? (
        <>
          <div className="detail-grid">
            <div className="detail-main">
              <section className="panel prompt-panel" aria-label="Prompts">
                <VersionedText kind="prompt" />
                <VersionedText kind="optimizer" />
              </section>
              <ProvenancePanel />
            </div>
            <div className="detail-side">
              <Suspense fallback={<div className="panel muted small chart-empty">Loading charts…</div>}>
                <RunCharts />
              </Suspense>
              <NotebookPanel />
            </div>
          </div>
          <EventInspector />
        </>
      ) : (
        !error && <div className="panel muted loading-block">Folding the run up to this point…</div>
      )}
    </section>
  );
}

const NO_FORKS: { runId: string; name: string; position: number }[] = [];

/** Fork from the cursor: its label names the epoch end or the position it forks from. */
function ForkButton({ onClick }: { onClick: () => void }) {
  const position = useApp((s) => s.pointState?.position);
  const epoch = useApp((s) => (position === undefined ? null : epochEndingAt(s.timeline, position)));
  return (
    <button type="button" className="button primary" onClick={onClick} disabled={position === undefined} data-testid="fork">
      {forkLabel(epoch, position)}
    </button>
  );
}

function forkLabel(epoch: number | null, position: number | undefined): string {
  if (position === undefined) return 'Fork';
  if (epoch === null) return `Fork from position ${position}`;
  return epoch === 0 ? 'Fork from the seed evaluation' : `Fork from epoch ${epoch}`;
}

/**
 * Reports how long the last scrub took from its input to its state painted on screen: an app
 * event ('point-shown') and a performance measure, which tests and `npm run bench:ui` read.
 */
function ShownTiming(): null {
  const state = useApp((s) => s.pointState);
  const timeline = useApp((s) => s.timeline);
  const cursor = useApp((s) => s.cursor);
  const input = useApp((s) => s.lastInput);
  const runId = useApp((s) => s.selectedRunId);
  const reported = useRef<object | null>(null);
  useEffect(() => {
    if (!state || !timeline || !input || reported.current === input) return;
    if (timeline.positions[cursor] !== state.position) return;
    reported.current = input;
    // A frame callback runs just before the new state is painted; a task queued from it runs
    // once that frame has been painted.
    const position = state.position;
    requestAnimationFrame(() => {
      setTimeout(() => {
        const ms = performance.now() - input.at;
        performance.measure('remo:point-shown', { start: input.at, end: input.at + ms, detail: { position, input: input.kind } });
        emitAppEvent('point-shown', { runId, position, input: input.kind, ms });
      }, 0);
    });
  }, [state, timeline, cursor, input, runId]);
  return null;
}
