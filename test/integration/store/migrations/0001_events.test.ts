import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/store/openDatabase';
import { REMO_APPLICATION_ID } from '../../../../electron/core/store/applicationId';
import { makeTempDir } from '../support/tempDir';
import { migrationsUpTo } from './migrationsUpTo';

describe('migration 0001 events', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('creates the events table with its indexes and immutability triggers', () => {
    const path = temp.path('log.db');
    openDatabase(path, { migrations: migrationsUpTo(0) }).close(); // N-1: an initialised, empty schema
    const db = openDatabase(path, { migrations: migrationsUpTo(1) });
    try {
      expect(db.pragma('application_id', { simple: true })).toBe(REMO_APPLICATION_ID);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE tbl_name = 'events' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name").all();
      expect(objects).toEqual([
        { type: 'table', name: 'events' },
        { type: 'trigger', name: 'events_no_delete' },
        { type: 'trigger', name: 'events_no_update' },
        { type: 'index', name: 'events_stream_starts' },
      ]);
      const insert = db.prepare(
        "INSERT INTO events VALUES (?, 's', ?, 'T', 1, '{}', '{}', '2026-01-01T00:00:00.000Z', 'h')",
      );
      insert.run(1, 1);
      expect(() => insert.run(2, 1)).toThrow(/UNIQUE/); // stream position unique per stream
      expect(() => insert.run(2, 0)).toThrow(/CHECK/);
      expect(() => db.exec('UPDATE events SET type = 1')).toThrow(/immutable/);
      expect(() => db.exec('DELETE FROM events')).toThrow(/immutable/);
      expect(db.prepare('SELECT id, name FROM schema_migrations').all()).toEqual([{ id: 1, name: 'events' }]);
    } finally {
      db.close();
    }
  });
});
