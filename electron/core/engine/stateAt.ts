import type { RunPoint, RunStateView } from '../../../shared/api/runViews';
import type { StoredEvent } from '../../../shared/events/envelope';
import { toRunStateView } from '../../../shared/fold/toRunStateView';
import type { EventStore } from '../store/types';
import { loadRunState } from './loadRunState';
import { resolveRunPoint } from './resolveRunPoint';

export interface RunStateAt extends RunStateView {
  /** A few events on each side of `position` (logical stream), for the timeline under the scrubber. */
  eventsAround: StoredEvent[];
}

const AROUND = 5;

/**
 * Time travel: the run's P, Q, notebook, metrics and usage as they were at `at`, by folding its
 * logical stream up to that point with the same fold the engine uses.
 */
export function stateAt(store: EventStore, runId: string, at: RunPoint): RunStateAt {
  const events = store.readStream(runId);
  const position = resolveRunPoint(events, at);
  let index = 0;
  while (index < events.length - 1 && events[index + 1]!.globalPosition <= position) index++;
  const state = loadRunState((id, options) => (id === runId ? events.filter((e) => e.globalPosition <= (options?.toGlobalPosition ?? Infinity)) : store.readStream(id, options)),
    runId, { toPosition: position, trackAnswers: false });
  return { ...toRunStateView(state), eventsAround: events.slice(Math.max(0, index - AROUND), index + AROUND + 1) };
}
