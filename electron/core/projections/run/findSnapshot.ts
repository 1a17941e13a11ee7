import type { Db } from '../../store/types';
import { LINEAGE_TABLE, SNAPSHOTS_TABLE } from './snapshotTables';

export interface SnapshotRow { run_id: string; position: number; epoch_completed: number | null; state: string }
export interface LineageRow { run_id: string; parent_run_id: string | null; parent_position: number | null; first_position: number; last_position: number }

export function lineageOf(db: Db, runId: string): LineageRow | undefined {
  return db.prepare(`SELECT * FROM ${LINEAGE_TABLE} WHERE run_id = ?`).get(runId) as LineageRow | undefined;
}

/**
 * Visits `runId` and its fork ancestors, each with the highest position its events are part of
 * `runId`'s logical stream (a parent only up to the fork point).
 */
function* lineageBounds(db: Db, runId: string, upTo: number): Generator<{ runId: string; upTo: number }> {
  let current: string | null = runId;
  let bound = upTo;
  while (current) {
    yield { runId: current, upTo: bound };
    const row = lineageOf(db, current);
    if (!row?.parent_run_id || row.parent_position === null) return;
    bound = Math.min(bound, row.parent_position);
    current = row.parent_run_id;
  }
}

/** The latest snapshot of `runId`'s logical stream at or before `position`, or undefined. */
export function findSnapshotAtOrBefore(db: Db, runId: string, position: number): SnapshotRow | undefined {
  const query = db.prepare(`SELECT * FROM ${SNAPSHOTS_TABLE} WHERE run_id = ? AND position <= ? ORDER BY position DESC LIMIT 1`);
  let best: SnapshotRow | undefined;
  for (const { runId: id, upTo } of lineageBounds(db, runId, position)) {
    const row = query.get(id, upTo) as SnapshotRow | undefined;
    if (row && (!best || row.position > best.position)) best = row;
    if (best) break; // the run's own snapshots are all later than its fork point
  }
  return best;
}

/** The snapshot taken at the end of `epoch` in `runId`'s logical stream, or undefined. */
export function findEpochSnapshot(db: Db, runId: string, epoch: number): SnapshotRow | undefined {
  const query = db.prepare(`SELECT * FROM ${SNAPSHOTS_TABLE} WHERE run_id = ? AND epoch_completed = ? AND position <= ? ORDER BY position DESC LIMIT 1`);
  for (const { runId: id, upTo } of lineageBounds(db, runId, Number.MAX_SAFE_INTEGER)) {
    const row = query.get(id, epoch, upTo) as SnapshotRow | undefined;
    if (row) return row;
  }
  return undefined;
}
