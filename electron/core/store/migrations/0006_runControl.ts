import type { Migration } from './migration';

/**
 * Cross-process run control. Deliberately NOT events: a pause request is a message to whichever
 * process executes the run, not a fact about the optimization (the RunPaused event the engine
 * writes when it honours the request is the fact).
 *
 * - `run_control`: one pending request per run ('pause' | 'stop'); the executing process polls it
 *   at the engine's safe points and deletes it once honoured.
 * - `run_lease`: which process currently executes a run, with a heartbeat. A lease whose process
 *   is gone (dead pid on this host, or heartbeat older than the staleness window) means the run
 *   was interrupted and may be resumed; a live lease makes `resume` refuse (no double execution).
 */
export const migration0006RunControl: Migration = {
  id: 6,
  name: 'run_control',
  up(db) {
    db.exec(`
      CREATE TABLE run_control (
        run_id       TEXT PRIMARY KEY,
        requested    TEXT NOT NULL CHECK (requested IN ('pause', 'stop')),
        requested_at TEXT NOT NULL
      );
      CREATE TABLE run_lease (
        run_id       TEXT PRIMARY KEY,
        owner        TEXT NOT NULL,
        pid          INTEGER NOT NULL,
        host         TEXT NOT NULL,
        acquired_at  TEXT NOT NULL,
        heartbeat_at TEXT NOT NULL
      );
    `);
  },
};
