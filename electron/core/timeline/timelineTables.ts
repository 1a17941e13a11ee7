/** Tables of the timeline projection (read by electron/core/timeline queries). */
export const TIMELINE_TABLE = 'run_timeline';
export const TIMELINE_USAGE_TABLE = 'run_timeline_usage';
