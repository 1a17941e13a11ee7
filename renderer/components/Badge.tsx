import type { RunStatus } from '../../shared/api/runViews';

/** Status pill; the class carries the colour, the text carries the meaning. */
export function StatusBadge({ status }: { status: RunStatus }) {
  return <span className={`badge status-${status}`} data-testid="status-badge">{status}</span>;
}

/** Marks numbers produced by the built-in simulator: they are not model results. */
export function SimulatorBadge() {
  return (
    <span className="badge simulator" title="Produced by the built-in LLM simulator: not model results" data-testid="simulator-badge">
      SIMULATOR
    </span>
  );
}
