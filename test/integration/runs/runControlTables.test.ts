import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { migration0006RunControl } from '../../../electron/core/store/migrations/0006_runControl';
import { RunControlTable } from '../../../electron/core/runs/runControlTable';
import { RunLeaseTable, type RunLease } from '../../../electron/core/runs/runLeaseTable';
import { defaultLeaseLiveness } from '../../../electron/core/runs/leaseLiveness';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

describe('run_control and run_lease (migration 0006)', () => {
  let dir: string;
  let db: BetterSqlite3.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'remo-control-'));
    db = new Database(join(dir, 'control.db'));
    db.pragma('journal_mode = WAL');
    db.transaction(() => migration0006RunControl.up(db))();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps one pending request per run, and a later pause does not downgrade a stop', () => {
    const control = new RunControlTable(db);
    expect(control.pending('r1')).toBeUndefined();
    control.request('r1', 'pause', new Date('2026-01-01T00:00:00Z'));
    expect(control.pending('r1')).toBe('pause');
    control.request('r1', 'stop', new Date('2026-01-01T00:00:01Z'));
    control.request('r1', 'pause', new Date('2026-01-01T00:00:02Z'));
    expect(control.pending('r1')).toBe('stop');
    control.clear('r1');
    expect(control.pending('r1')).toBeUndefined();
  });

  it('is visible to a second connection (another process reads the same file)', () => {
    new RunControlTable(db).request('r2', 'pause', new Date());
    const other = new Database(join(dir, 'control.db'));
    try {
      expect(new RunControlTable(other).pending('r2')).toBe('pause');
    } finally {
      other.close();
    }
  });

  it('refuses a lease held by a live owner and takes over a dead one', () => {
    const leases = new RunLeaseTable(db);
    const now = new Date().toISOString();
    const lease = (owner: string): RunLease => ({ runId: 'r3', owner, pid: process.pid, host: hostname(), acquiredAt: now, heartbeatAt: now });
    expect(leases.acquire(lease('a'), () => true)).toEqual({ ok: true });
    const refused = leases.acquire(lease('b'), () => true);
    expect(refused.ok).toBe(false);
    expect(leases.get('r3')?.owner).toBe('a');
    expect(leases.acquire(lease('b'), () => false)).toEqual({ ok: true });
    expect(leases.get('r3')?.owner).toBe('b');
    expect(leases.heartbeat('r3', 'a', now)).toBe(false);
    leases.release('r3', 'a');
    expect(leases.get('r3')?.owner).toBe('b');
    leases.release('r3', 'b');
    expect(leases.get('r3')).toBeUndefined();
  });
});

describe('defaultLeaseLiveness', () => {
  const base = { runId: 'r', owner: 'o', host: hostname(), acquiredAt: '2026-01-01T00:00:00.000Z' };

  it('is live for this process with a fresh heartbeat, dead when the heartbeat is stale', () => {
    const now = Date.parse('2026-01-01T00:01:00.000Z');
    const live = defaultLeaseLiveness(() => now, 15_000);
    expect(live({ ...base, pid: process.pid, heartbeatAt: '2026-01-01T00:00:50.000Z' })).toBe(true);
    expect(live({ ...base, pid: process.pid, heartbeatAt: '2026-01-01T00:00:40.000Z' })).toBe(false);
  });

  it('is dead at once when the pid on this host no longer exists (a SIGKILLed run)', () => {
    const exited = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    const live = defaultLeaseLiveness();
    expect(live({ ...base, pid: exited.pid!, heartbeatAt: new Date().toISOString() })).toBe(false);
  });
});
