import { useMemo, useState } from 'react';
import { StatusBadge } from '../../components/Badge';
import { runsToResume } from '../../store/runsToResume';
import { useApp } from '../../store/storeContext';

/** More than this and the banner points at the runs list's status filter instead. */
const LISTED = 5;

/**
 * The next start after quitting mid-run: the runs that were left paused or interrupted, each with
 * Resume. Quitting the desktop app (or stopping `remo web`) pauses runs at their next safe point,
 * so resuming continues exactly where the log ends. Shown once per session; works in both builds.
 */
export function ResumeBanner() {
  const offer = useApp((s) => s.resumeOffer);
  const runs = useApp((s) => s.runs);
  const resumeRunById = useApp((s) => s.resumeRunById);
  const dismiss = useApp((s) => s.dismissResumeOffer);
  const selectRun = useApp((s) => s.selectRun);
  // Resumed here: hidden at once (the list says 'running' only after the engine has started).
  const [resumed, setResumed] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const pending = useMemo(() => {
    const offered = new Set(offer ?? []);
    return runsToResume(runs).filter((run) => offered.has(run.runId) && !resumed.has(run.runId));
  }, [offer, runs, resumed]);
  if (pending.length === 0) return null;

  async function resume(runId: string) {
    setBusy(runId);
    const ok = await resumeRunById(runId);
    setBusy(null);
    if (ok) setResumed((current) => new Set([...current, runId]));
  }

  return (
    <section className="resume-banner" aria-label="Runs to resume" data-testid="resume-banner">
      <div className="resume-head">
        <strong>{pending.length === 1 ? 'A run was left paused or interrupted' : `${pending.length} runs were left paused or interrupted`}</strong>
        <span className="muted small">Quitting pauses a run at its next safe point; Resume continues where its log ends.</span>
        <span className="spacer" />
        <button type="button" className="link" onClick={dismiss} data-testid="resume-dismiss">dismiss</button>
      </div>
      <ul className="resume-list">
        {pending.slice(0, LISTED).map((run) => (
          <li key={run.runId} data-testid="resume-item" data-resume-run-id={run.runId}>
            <button type="button" className="link run-name" onClick={() => void selectRun(run.runId)}>{run.name}</button>
            <StatusBadge status={run.status} />
            <span className="muted small">
              epoch {run.epochsDone} of {run.epochsPlanned}
              {run.statusReason ? ` · ${run.statusReason}` : ''}
            </span>
            <button type="button" className="button" disabled={busy !== null} onClick={() => void resume(run.runId)} data-testid="resume-run">
              {busy === run.runId ? 'Resuming…' : 'Resume'}
            </button>
          </li>
        ))}
      </ul>
      {pending.length > LISTED && <p className="muted small">and {pending.length - LISTED} more: filter the runs list by status “paused” or “interrupted”.</p>}
    </section>
  );
}
