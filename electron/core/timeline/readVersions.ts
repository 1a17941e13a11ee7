import type { VersionView } from '../../../shared/api/timelineViews';
import { PROMPT_VERSIONS_TABLE } from '../projections/run/promptVersionsProjection';
import type { Db } from '../store/types';
import { logicalSegments, selectAcrossSegments } from './logicalSegments';

interface Row {
  run_id: string; position: number; kind: 'prompt' | 'optimizer'; version: number | null; status: VersionView['status']; text: string;
  epoch: number | null; step: number | null; val: number | null; previous_val: number | null; reason: string | null;
}

/**
 * Every version of P and Q in a run's logical log (fork parents included), oldest first, each with
 * the version it was derived from and whether its text actually changed. Null for an unknown run.
 */
export function readVersions(db: Db, runId: string): VersionView[] | null {
  const segments = logicalSegments(db, runId);
  if (segments.length === 0) return null;
  const rows = selectAcrossSegments<Row>(db, segments, `SELECT * FROM ${PROMPT_VERSIONS_TABLE} WHERE run_id = ? AND position <= ? ORDER BY position, kind DESC`)
    // A fork's "inherited" rows repeat what its parent's rows already say.
    .filter((row) => !(row.status === 'inherited' && segments.length > 1 && row.run_id === runId));
  const current = new Map<string, { version: number; text: string }>();
  return rows.map((row): VersionView => {
    const before = current.get(row.kind);
    const becomesCurrent = row.version !== null && (row.status === 'initial' || row.status === 'inherited' || row.status === 'accepted');
    if (becomesCurrent) current.set(row.kind, { version: row.version!, text: row.text });
    return {
      kind: row.kind, position: row.position, version: row.version, status: row.status, text: row.text, epoch: row.epoch, step: row.step,
      val: row.val, previousVal: row.previous_val, reason: row.reason,
      parentVersion: before?.version ?? null,
      unchanged: row.status === 'accepted' && before !== undefined && before.text === row.text,
    };
  });
}
