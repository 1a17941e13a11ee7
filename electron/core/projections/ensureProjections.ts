import type { Db } from '../store/types';
import type { EventReader } from './eventReader';
import type { Projection } from './projection';
import { readProjectionRecords, writeProjectionRecord } from './projectionBookkeeping';
import { ProjectionSet } from './projectionSet';
import { rebuildProjections } from './rebuildProjections';
import { replayEvents } from './replayEvents';

export interface EnsureProjectionsResult {
  /** Projections rebuilt because they were new or their version changed. */
  rebuilt: string[];
  /** Projections that had missed events (appended by a process that did not register them) and caught up. */
  caughtUp: string[];
}

/**
 * Brings every projection up to date on open: creates missing tables, rebuilds a projection whose
 * recorded version differs from its code (or that has no record), and replays the events a
 * projection has not seen yet. After this, inline application keeps them current.
 */
export function ensureProjections(db: Db, reader: EventReader, projections: readonly Projection[]): EnsureProjectionsResult {
  if (projections.length === 0) return { rebuilt: [], caughtUp: [] };
  const records = readProjectionRecords(db);
  const stale = projections.filter((projection) => records.get(projection.name)?.version !== projection.version);
  if (stale.length > 0) rebuildProjections(db, reader, stale);

  const caughtUp: string[] = [];
  db.transaction(() => {
    // Positions are read again under the write lock: another process may have appended (and moved
    // its inline projections along) since `records` was read, and replaying those events twice
    // would break the projections' unique keys.
    const current = readProjectionRecords(db);
    const head = reader.lastGlobalPosition();
    for (const projection of projections) {
      if (stale.includes(projection)) continue;
      projection.init(db);
      const seen = current.get(projection.name)!.last_position;
      if (seen >= head) continue;
      replayEvents(reader, new ProjectionSet(db, [projection]), seen);
      writeProjectionRecord(db, projection.name, projection.version, head);
      caughtUp.push(projection.name);
    }
  }).immediate();
  return { rebuilt: stale.map((projection) => projection.name), caughtUp };
}
