import type { EventReader } from './eventReader';
import type { ProjectionSet } from './projectionSet';

export const DEFAULT_REPLAY_BATCH_SIZE = 2_000;

/**
 * Feeds the events after global position `after` to `set`, page by page (only the types it
 * handles are read). The caller owns the transaction. Returns how many events were applied.
 * Pages are fetched with `.all()` rather than one long `.iterate()` because better-sqlite3 refuses
 * other statements on a connection while an iterator is open, and projections write.
 */
export function replayEvents(reader: EventReader, set: ProjectionSet, after: number, batchSize = DEFAULT_REPLAY_BATCH_SIZE): number {
  const types = set.handledTypes();
  if (types.length === 0) return 0;
  let position = after;
  let applied = 0;
  for (;;) {
    const page = reader.readAll({ after: position, limit: batchSize, types });
    if (page.length === 0) return applied;
    set.apply(page, reader);
    applied += page.length;
    position = page[page.length - 1]!.globalPosition;
    if (page.length < batchSize) return applied;
  }
}
