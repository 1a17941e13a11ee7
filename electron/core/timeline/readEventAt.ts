import type { EventDetail } from '../../../shared/api/timelineViews';
import type { StoredEvent } from '../../../shared/events/envelope';
import type { EventStore } from '../store/types';
import { logicalSegments } from './logicalSegments';
import { TIMELINE_TABLE } from './timelineTables';

/** The event at global `position` as stored (upcast), whatever stream it belongs to. */
export function eventAtPosition(store: EventStore, position: number): StoredEvent | undefined {
  const [event] = store.readAll({ after: position - 1, limit: 1 });
  return event?.globalPosition === position ? event : undefined;
}

/**
 * One event of `runId`'s logical log with its full payload, and its index in that log. Undefined
 * when the position is not part of the run's log (another run's event, or past a fork point).
 */
export function readEventAt(store: EventStore, runId: string, position: number): EventDetail | undefined {
  const segments = logicalSegments(store.db, runId);
  const owner = segments.find((segment) => position <= segment.upTo && store.db.prepare(`SELECT 1 FROM ${TIMELINE_TABLE} WHERE run_id = ? AND position = ?`).get(segment.runId, position) !== undefined);
  if (!owner) return undefined;
  const event = eventAtPosition(store, position);
  if (!event) return undefined;
  const count = store.db.prepare(`SELECT count(*) AS n FROM ${TIMELINE_TABLE} WHERE run_id = ? AND position < ? AND position <= ?`);
  let index = 0;
  for (const segment of segments) index += (count.get(segment.runId, position, segment.upTo) as { n: number }).n;
  return { event, index };
}
