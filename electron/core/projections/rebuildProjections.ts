import type { Db } from '../store/types';
import type { EventReader } from './eventReader';
import type { Projection } from './projection';
import { writeProjectionRecord } from './projectionBookkeeping';
import { ProjectionSet } from './projectionSet';
import { DEFAULT_REPLAY_BATCH_SIZE, replayEvents } from './replayEvents';

export interface RebuildResult {
  /** Events handed to the projections (only the types they handle). */
  appliedEvents: number;
  /** Head of the log the projections now reflect. */
  lastPosition: number;
}

/**
 * Truncate + init + replay of `projections` from the start of the log, in ONE transaction: readers
 * keep seeing the old tables until the new ones are complete, and no writer can append in between
 * (so the recorded `last_position` is exact). Events are read in pages of `batchSize`.
 */
export function rebuildProjections(
  db: Db,
  reader: EventReader,
  projections: readonly Projection[],
  batchSize = DEFAULT_REPLAY_BATCH_SIZE,
): RebuildResult {
  return db
    .transaction((): RebuildResult => {
      const head = reader.lastGlobalPosition();
      for (const projection of projections) {
        projection.truncate(db);
        projection.init(db);
      }
      const appliedEvents = replayEvents(reader, new ProjectionSet(db, projections), 0, batchSize);
      for (const projection of projections) writeProjectionRecord(db, projection.name, projection.version, head);
      return { appliedEvents, lastPosition: head };
    })
    .immediate();
}
