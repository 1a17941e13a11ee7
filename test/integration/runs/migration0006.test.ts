import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/core/store/migrations';
import { openDatabase } from '../../../electron/core/store/openDatabase';
import { openEventStore } from '../../../electron/core/store/openEventStore';
import { EventRegistry } from '../../../electron/core/store/eventRegistry';
import { RunControlTable } from '../../../electron/core/runs/runControlTable';

describe('migration 0006 run_control', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'remo-m6-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is the sixth migration, adds run_control and run_lease, and leaves the events untouched', () => {
    expect(migrations[5]).toMatchObject({ id: 6, name: 'run_control' });
    const path = join(dir, 'log.db');
    const before = openEventStore({ db: openDatabase(path, { migrations: migrations.slice(0, 5) }), registry: new EventRegistry({ unknownTypes: 'passThrough' }) });
    before.append('run', [{ type: 'Something', data: { n: 1 } }], { expectedVersion: 'no-stream' });
    const eventsBefore = before.db.prepare('SELECT * FROM events').all();
    expect(before.db.prepare("SELECT name FROM sqlite_master WHERE name = 'run_control'").get()).toBeUndefined();
    before.db.close();

    const db = openDatabase(path, { migrations: migrations.slice(0, 6) });
    try {
      expect(db.prepare('SELECT * FROM events').all()).toEqual(eventsBefore);
      const columns = (table: string) => (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(table) as { name: string }[]).map((c) => c.name);
      expect(columns('run_control')).toEqual(['run_id', 'requested', 'requested_at']);
      expect(columns('run_lease')).toEqual(['run_id', 'owner', 'pid', 'host', 'acquired_at', 'heartbeat_at']);
      new RunControlTable(db).request('run', 'pause', new Date('2026-01-01T00:00:00Z'));
      expect(() => db.prepare("INSERT INTO run_control VALUES ('x', 'explode', 'now')").run()).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});
