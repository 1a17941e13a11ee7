import type { Db } from '../store/types';

/** Who executes a run right now, as recorded in `run_lease` (migration 0006). */
export interface RunLease {
  runId: string;
  owner: string;
  pid: number;
  host: string;
  acquiredAt: string;
  heartbeatAt: string;
}

interface LeaseRow {
  run_id: string;
  owner: string;
  pid: number;
  host: string;
  acquired_at: string;
  heartbeat_at: string;
}

/** Decides whether a recorded lease still belongs to a live process. */
export type LeaseLiveness = (lease: RunLease) => boolean;

/**
 * The single-executor lock over a run. `acquire` is one IMMEDIATE transaction (check + write), so
 * two processes racing to resume the same run cannot both win.
 */
export class RunLeaseTable {
  private readonly db: Db;
  private readonly selectOne;
  private readonly selectAll;
  private readonly insertOrReplace;
  private readonly beat;
  private readonly removeOwned;

  constructor(db: Db) {
    this.db = db;
    this.selectOne = db.prepare('SELECT * FROM run_lease WHERE run_id = ?');
    this.selectAll = db.prepare('SELECT * FROM run_lease');
    this.insertOrReplace = db.prepare(
      `INSERT OR REPLACE INTO run_lease (run_id, owner, pid, host, acquired_at, heartbeat_at)
       VALUES (@runId, @owner, @pid, @host, @acquiredAt, @heartbeatAt)`,
    );
    this.beat = db.prepare('UPDATE run_lease SET heartbeat_at = ? WHERE run_id = ? AND owner = ?');
    this.removeOwned = db.prepare('DELETE FROM run_lease WHERE run_id = ? AND owner = ?');
  }

  get(runId: string): RunLease | undefined {
    const row = this.selectOne.get(runId) as LeaseRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  all(): RunLease[] {
    return (this.selectAll.all() as LeaseRow[]).map(fromRow);
  }

  /**
   * Takes the lease unless a live process holds it. Returns the live holder when refused.
   * A dead holder's lease is taken over: that is how an interrupted run gets resumed.
   */
  acquire(lease: RunLease, isLive: LeaseLiveness): { ok: true } | { ok: false; holder: RunLease } {
    const attempt = this.db.transaction((): { ok: true } | { ok: false; holder: RunLease } => {
      const current = this.get(lease.runId);
      if (current && current.owner !== lease.owner && isLive(current)) return { ok: false, holder: current };
      this.insertOrReplace.run(lease);
      return { ok: true };
    });
    return attempt.immediate();
  }

  heartbeat(runId: string, owner: string, at: string): boolean {
    return this.beat.run(at, runId, owner).changes > 0;
  }

  release(runId: string, owner: string): void {
    this.removeOwned.run(runId, owner);
  }
}

function fromRow(row: LeaseRow): RunLease {
  return {
    runId: row.run_id,
    owner: row.owner,
    pid: row.pid,
    host: row.host,
    acquiredAt: row.acquired_at,
    heartbeatAt: row.heartbeat_at,
  };
}
