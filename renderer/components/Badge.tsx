import type { ExperimentStatus } from '../../shared/api/experimentViews';
import type { RunStatus } from '../../shared/api/runViews';

/** Status pill of a run, an experiment or a cell not started yet; the class carries the colour, the text the meaning. */
export function StatusBadge({ status }: { status: RunStatus | ExperimentStatus | 'not started' }) {
  return <span className={`badge status-${status.replace(' ', '-')}`} data-testid="status-badge">{status}</span>;
}

/** Marks numbers produced by the built-in simulator: they are not model results. */
export function SimulatorBadge() {
  return (
    <span className="badge simulator" title="Produced by the built-in LLM simulator: not model results" data-testid="simulator-badge">
      SIMULATOR
    </span>
  );
}
