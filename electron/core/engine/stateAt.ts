import type { RunPoint, RunStateView } from '../../../shared/api/runViews';
import type { StoredEvent } from '../../../shared/events/envelope';
import { isRunEvent } from '../../../shared/events/run/isRunEvent';
import { evolveRun } from '../../../shared/fold/evolveRun';
import { initialRunState, type RunState } from '../../../shared/fold/runState';
import { deserializeViewState } from '../../../shared/fold/stateSnapshot';
import { toRunStateView } from '../../../shared/fold/toRunStateView';
import { findSnapshotAtOrBefore } from '../projections/run/findSnapshot';
import type { EventStore } from '../store/types';
import { loadRunState } from './loadRunState';
import { resolveRunPoint } from './resolveRunPoint';
import { RunPointError } from './runPointError';

export interface RunStateAt extends RunStateView {
  /** A few events on each side of `position` (logical stream), for the timeline under the scrubber. */
  eventsAround: StoredEvent[];
}

const AROUND = 5;
/** Global positions scanned after the point for the "after" side of eventsAround. */
const AFTER_WINDOW = 200;

/**
 * The view state (no answers index, no vectors) of `runId` at global position `target`: the nearest
 * snapshot at or before it plus the events since. Also returns those events.
 */
export function viewStateAt(store: EventStore, runId: string, target: number): { state: RunState; tail: StoredEvent[] } {
  const snapshot = findSnapshotAtOrBefore(store.db, runId, target);
  if (!snapshot) {
    // Before the run's first event (a position inside a fork's parent prefix has a parent snapshot).
    const events = store.readStream(runId, { toGlobalPosition: target });
    if (events.length === 0) throw new RunPointError(`position ${target} is before the run's first event`);
  }
  const state = snapshot ? deserializeViewState(snapshot.state, runId) : initialRunState(runId);
  const tail = store.readStream(runId, { fromGlobalPosition: (snapshot?.position ?? 0) + 1, toGlobalPosition: target });
  const memorySource = (fromRunId: string, position: number) =>
    loadRunState(store.readStream.bind(store), fromRunId, { toPosition: position, trackAnswers: false });
  for (const event of tail) if (isRunEvent(event)) evolveRun(state, event, { trackAnswers: false, memorySource });
  return { state, tail };
}

/**
 * Time travel: the run's P, Q, notebook, metrics and usage as they were at `at`, folded with the
 * engine's own fold from the nearest snapshot (run-snapshots projection) at or before the point,
 * so the cost is bounded by the snapshot spacing, not by the length of the run.
 */
export function stateAt(store: EventStore, runId: string, at: RunPoint): RunStateAt {
  const target = resolveRunPoint(store, runId, at);
  const { state, tail } = viewStateAt(store, runId, target);
  const before = tail.length >= AROUND ? tail.slice(-AROUND) : store.readStream(runId, { fromGlobalPosition: Math.max(1, target - AFTER_WINDOW), toGlobalPosition: target }).slice(-AROUND);
  const after = store.readStream(runId, { fromGlobalPosition: target + 1, toGlobalPosition: target + AFTER_WINDOW }).slice(0, AROUND);
  return { ...toRunStateView(state), eventsAround: [...before, ...after] };
}
