import { isRunEvent } from '../../../../shared/events/run/isRunEvent';
import { evolveRun } from '../../../../shared/fold/evolveRun';
import { foldRun } from '../../../../shared/fold/foldRun';
import type { RunState } from '../../../../shared/fold/runState';
import { deserializeViewState } from '../../../../shared/fold/stateSnapshot';
import type { Db } from '../../store/types';
import type { ProjectionContext } from '../projection';
import { findSnapshotAtOrBefore } from './findSnapshot';

/**
 * A run's full state at `position` folded from the projection context's bounded reads. Used when a
 * fork or a cross-run-memory run starts, to copy the source's notebook (with its vectors) as of
 * that point.
 */
export function foldFromContext(ctx: ProjectionContext, runId: string, position: number): RunState {
  const events = ctx.readStream(runId, { toGlobalPosition: position }).filter(isRunEvent);
  return foldRun(runId, events, { trackAnswers: false, memorySource: (from, at) => foldFromContext(ctx, from, at) });
}

/**
 * The view state (no vectors, no answers) at `position`, from the nearest run-snapshots row plus
 * the events since: the same state as foldFromContext minus those two fields, at a bounded cost.
 * Falls back to the full fold when no snapshot exists (for example while snapshots are rebuilt).
 */
export function viewStateFromContext(db: Db, ctx: ProjectionContext, runId: string, position: number): RunState {
  const snapshot = findSnapshotAtOrBefore(db, runId, position);
  if (!snapshot) return foldFromContext(ctx, runId, position);
  const state = deserializeViewState(snapshot.state, runId);
  for (const event of ctx.readStream(runId, { fromGlobalPosition: snapshot.position + 1, toGlobalPosition: position })) {
    if (isRunEvent(event)) evolveRun(state, event, { trackAnswers: false, memorySource: (from, at) => foldFromContext(ctx, from, at) });
  }
  return state;
}
