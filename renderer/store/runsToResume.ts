import type { RunSummary } from '../../shared/api/runViews';

/**
 * Runs a person would want to pick up again: paused (quitting the app or stopping `remo web`
 * pauses runs at their next safe point, as does a pause request) or interrupted (the process
 * executing it ended without pausing: a crash, a kill). Archived runs were put away on purpose.
 */
export function runsToResume(runs: readonly RunSummary[]): RunSummary[] {
  return runs.filter((run) => (run.status === 'paused' || run.status === 'interrupted') && !run.archived);
}
