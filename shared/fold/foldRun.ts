import type { RunEvent } from '../events/run/runEventTypes';
import { evolveRun, type FoldOptions } from './evolveRun';
import { initialRunState, type RunState } from './runState';

/**
 * Folds a run's logical events (fork parents included) into its state. Events of other types
 * (unknown to the run catalogue) are ignored by `evolveRun`'s switch, so the fold is total.
 */
export function foldRun(runId: string, events: Iterable<RunEvent>, options: FoldOptions = {}): RunState {
  const state = initialRunState(runId);
  for (const event of events) evolveRun(state, event, options);
  return state;
}
