import type { VersionView } from '../../../shared/api/timelineViews';

const CURRENT_STATUSES = new Set<VersionView['status']>(['initial', 'inherited', 'accepted']);

/** The row that made `version` current, the latest such row at or before `position`. */
export function currentVersionRow(rows: readonly VersionView[], version: number, position: number): VersionView | undefined {
  return rows.findLast((row) => row.version === version && CURRENT_STATUSES.has(row.status) && row.position <= position);
}

/** The row of `version` made before `before` (the parent a newer version was derived from). */
export function findVersionRow(rows: readonly VersionView[], version: number, before: number): VersionView | undefined {
  return rows.findLast((row) => row.version === version && CURRENT_STATUSES.has(row.status) && row.position < before);
}
