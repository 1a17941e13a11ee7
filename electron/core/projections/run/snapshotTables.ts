/** Tables of the snapshot projection (read by the engine's stateAt). */
export const SNAPSHOTS_TABLE = 'run_state_snapshots';
export const LINEAGE_TABLE = 'run_lineage';
/** A snapshot is taken at least every this many global positions of a run's activity, and at every epoch end. */
export const SNAPSHOT_EVERY = 500;
