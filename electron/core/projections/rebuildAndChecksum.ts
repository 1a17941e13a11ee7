import { performance } from 'node:perf_hooks';
import type { RebuildReport } from '../../../shared/api/contract';
import type { Db } from '../store/types';
import type { EventReader } from './eventReader';
import type { Projection } from './projection';
import { checksumProjectionTables } from './checksumProjectionTables';
import { rebuildProjections } from './rebuildProjections';

/**
 * `store.rebuild` and `remo rebuild`: truncates and replays every projection from the log in one
 * transaction, then checksums the projection tables (the same log always gives the same
 * checksum). `elapsedMs` is the rebuild alone, without the checksum.
 */
export function rebuildAndChecksum(db: Db, reader: EventReader, projections: readonly Projection[]): RebuildReport {
  const started = performance.now();
  const result = rebuildProjections(db, reader, projections);
  const elapsedMs = performance.now() - started;
  return {
    events: result.lastPosition,
    projections: projections.map((projection) => projection.name),
    applied: result.appliedEvents,
    elapsedMs,
    checksum: checksumProjectionTables(db, projections),
  };
}
