import type { Db } from '../store/types';
import { lineageOf } from '../projections/run/findSnapshot';

/** One run's part of another run's logical log: its rows up to `upTo` (inclusive). */
export interface LogSegment { runId: string; upTo: number }

/**
 * The runs whose events make up `runId`'s logical log, oldest ancestor first: a fork reads its
 * parent up to the fork point (recursively), then its own events. Empty for an unknown run.
 */
export function logicalSegments(db: Db, runId: string): LogSegment[] {
  const segments: LogSegment[] = [];
  let current: string | null = runId;
  let bound = Number.MAX_SAFE_INTEGER;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    seen.add(current);
    const row = lineageOf(db, current);
    if (!row) break;
    segments.unshift({ runId: current, upTo: bound });
    if (!row.parent_run_id || row.parent_position === null) break;
    bound = Math.min(bound, row.parent_position);
    current = row.parent_run_id;
  }
  return segments;
}

/** Rows of `table` for every segment (oldest first), each bounded by its segment's `upTo`. */
export function selectAcrossSegments<Row>(db: Db, segments: readonly LogSegment[], sql: string): Row[] {
  const statement = db.prepare(sql);
  const rows: Row[] = [];
  for (const segment of segments) rows.push(...(statement.all(segment.runId, segment.upTo) as Row[]));
  return rows;
}
