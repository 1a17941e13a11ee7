import type { TokenCurve } from '../../../shared/api/timelineViews';
import { codeOf } from '../../../shared/api/codeOf';
import type { Db } from '../store/types';
import type { LogSegment } from './logicalSegments';
import { TIMELINE_USAGE_TABLE } from './timelineTables';

/** Points of the curve between the first and the last position; the last position is always one. */
export const TOKEN_CURVE_POINTS = 240;

/**
 * Tokens per role accumulated over a run's logical log, sampled at TOKEN_CURVE_POINTS evenly
 * spaced positions (and the last one): one pass over the usage rows, a few kilobytes out.
 */
export function readTokenCurve(db: Db, segments: readonly LogSegment[]): TokenCurve {
  const rows = db.prepare(`SELECT position, role, prompt_tokens + completion_tokens AS tokens
    FROM ${TIMELINE_USAGE_TABLE} WHERE run_id = ? AND position <= ? ORDER BY position`).raw(true);
  const all: [number, string, number][] = [];
  for (const segment of segments) all.push(...(rows.all(segment.runId, segment.upTo) as [number, string, number][]));
  const curve: TokenCurve = { roles: [], positions: [], tokens: [] };
  if (all.length === 0) return curve;
  const first = all[0]![0];
  const last = all[all.length - 1]![0];
  const totals: number[] = [];
  let next = 0;
  for (let point = 1; point <= TOKEN_CURVE_POINTS; point += 1) {
    const bound = point === TOKEN_CURVE_POINTS ? last : Math.floor(first + ((last - first) * point) / TOKEN_CURVE_POINTS);
    if (curve.positions.at(-1) === bound) continue;
    while (next < all.length && all[next]![0] <= bound) {
      const [, role, tokens] = all[next]!;
      const code = codeOf(curve.roles, role);
      totals[code] = (totals[code] ?? 0) + tokens;
      next += 1;
    }
    curve.positions.push(bound);
    curve.roles.forEach((_, r) => {
      (curve.tokens[r] ??= new Array<number>(curve.positions.length - 1).fill(0)).push(totals[r] ?? 0);
    });
  }
  return curve;
}
