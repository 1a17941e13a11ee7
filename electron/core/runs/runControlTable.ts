import type { Db } from '../store/types';

/** What a client asked a running run to do. */
export type ControlRequest = 'pause' | 'stop';

/**
 * Reads and writes `run_control` (see migration 0006). Plain SQL on the caller's connection:
 * the requester and the executing process usually sit in different processes, and SQLite in WAL
 * mode is the mailbox between them.
 */
export class RunControlTable {
  private readonly upsert;
  private readonly select;
  private readonly remove;

  constructor(db: Db) {
    // A stop is stronger than a pause: a later pause request must not downgrade a pending stop.
    this.upsert = db.prepare(
      `INSERT INTO run_control (run_id, requested, requested_at) VALUES (?, ?, ?)
       ON CONFLICT(run_id) DO UPDATE SET
         requested = CASE WHEN run_control.requested = 'stop' THEN 'stop' ELSE excluded.requested END,
         requested_at = excluded.requested_at`,
    );
    this.select = db.prepare('SELECT requested FROM run_control WHERE run_id = ?').pluck();
    this.remove = db.prepare('DELETE FROM run_control WHERE run_id = ?');
  }

  request(runId: string, requested: ControlRequest, at: Date): void {
    this.upsert.run(runId, requested, at.toISOString());
  }

  pending(runId: string): ControlRequest | undefined {
    return (this.select.get(runId) as ControlRequest | undefined) ?? undefined;
  }

  clear(runId: string): void {
    this.remove.run(runId);
  }
}
