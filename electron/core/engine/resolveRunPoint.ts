import type { RunPoint } from '../../../shared/api/runViews';
import type { StoredEvent } from '../../../shared/events/envelope';

/** The point named by `at`, at which a state is folded or a fork starts. */
export class RunPointError extends Error {
  override name = 'RunPointError';
}

/**
 * Resolves a RunPoint against a run's logical events to a global position (inclusive):
 * {epoch} = the run's EpochCompleted of that epoch (0 = after the seed evaluation);
 * {position} = the last event at or before it; 'end' = the last event.
 */
export function resolveRunPoint(events: readonly StoredEvent[], at: RunPoint): number {
  if (events.length === 0) throw new RunPointError('the run has no events');
  if (at === 'end') return events.at(-1)!.globalPosition;
  if ('epoch' in at) {
    const hit = events.findLast((e) => e.type === 'EpochCompleted' && (e.data as { epoch: number }).epoch === at.epoch);
    if (!hit) throw new RunPointError(`epoch ${at.epoch} has not been completed in this run`);
    return hit.globalPosition;
  }
  if (at.position < events[0]!.globalPosition) throw new RunPointError(`position ${at.position} is before the run's first event (${events[0]!.globalPosition})`);
  let last = events[0]!.globalPosition;
  for (const e of events) {
    if (e.globalPosition > at.position) break;
    last = e.globalPosition;
  }
  return last;
}
