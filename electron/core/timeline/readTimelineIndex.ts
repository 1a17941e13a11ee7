import type { TimelineIndex } from '../../../shared/api/timelineViews';
import { codeOf } from '../../../shared/api/codeOf';
import { LINEAGE_TABLE } from '../projections/run/snapshotTables';
import { RUN_SUMMARIES_TABLE } from '../projections/run/runSummaryProjection';
import { EPOCH_METRICS_TABLE } from '../projections/run/metricsProjection';
import type { Db } from '../store/types';
import { logicalSegments } from './logicalSegments';
import { TIMELINE_TABLE } from './timelineTables';

/** position, type, phase, epoch, step, calls, tokens */
type Row = [number, string, number, number, number, number, number];

/**
 * The compact index of a run's logical log (no payloads): what the scrubber, the event list and
 * the phase marks are drawn from. Returns null for an unknown run. `afterPosition` gives only
 * the events after it (live updates); epoch ends and forks are always complete.
 */
export function readTimelineIndex(db: Db, runId: string, afterPosition = 0): TimelineIndex | null {
  const segments = logicalSegments(db, runId);
  if (segments.length === 0) return null;
  const index: TimelineIndex = {
    runId, positions: [], types: [], typeNames: [], phases: [], epochs: [], steps: [], calls: [], tokens: [],
    epochEnds: [], forks: [], forkedAt: null, lastPosition: 0,
  };
  const rowsOf = db.prepare(`SELECT position, type, phase, epoch, step, calls, tokens FROM ${TIMELINE_TABLE}
    WHERE run_id = ? AND position > ? AND position <= ? ORDER BY position`).raw(true);
  const epochsOf = db.prepare(`SELECT epoch, position FROM ${EPOCH_METRICS_TABLE} WHERE run_id = ? AND position <= ? ORDER BY position`);
  const childrenOf = db.prepare(`SELECT l.run_id AS runId, l.parent_position AS position, s.name AS name FROM ${LINEAGE_TABLE} l
    LEFT JOIN ${RUN_SUMMARIES_TABLE} s ON s.run_id = l.run_id WHERE l.parent_run_id = ? AND l.parent_position <= ? ORDER BY l.parent_position`);
  const epochEnds = new Map<number, number>();
  for (const segment of segments) {
    // Raw rows (arrays, not objects): a 50,000-event log is read without 50,000 objects.
    for (const [position, type, phase, epoch, step, calls, tokens] of rowsOf.iterate(segment.runId, afterPosition, segment.upTo) as Iterable<Row>) {
      index.positions.push(position);
      index.types.push(codeOf(index.typeNames, type));
      index.phases.push(phase);
      index.epochs.push(epoch);
      index.steps.push(step);
      index.calls.push(calls);
      index.tokens.push(tokens);
    }
    // A fork re-running an epoch of its parent ends it again: the later end is the one in its log.
    for (const row of epochsOf.all(segment.runId, segment.upTo) as { epoch: number; position: number }[]) epochEnds.set(row.epoch, row.position);
    for (const child of childrenOf.all(segment.runId, segment.upTo) as { runId: string; position: number; name: string | null }[]) {
      if (child.runId !== runId && !segments.some((s) => s.runId === child.runId)) index.forks.push({ runId: child.runId, name: child.name ?? child.runId, position: child.position });
    }
  }
  index.epochEnds = [...epochEnds].map(([epoch, position]) => ({ epoch, position })).sort((a, b) => a.position - b.position);
  const own = segments.at(-1)!;
  const parent = segments.at(-2);
  if (parent) index.forkedAt = { parentRunId: parent.runId, position: parent.upTo };
  const lastRow = db.prepare(`SELECT max(position) AS last FROM ${TIMELINE_TABLE} WHERE run_id = ?`).get(own.runId) as { last: number | null };
  index.lastPosition = lastRow.last ?? index.positions.at(-1) ?? 0;
  return index;
}
