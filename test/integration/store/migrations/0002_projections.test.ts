import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/store/openDatabase';
import { openEventStore } from '../../../../electron/core/store/openEventStore';
import { verifyEventLog } from '../../../../electron/core/store/verifyEventLog';
import { makeTempDir } from '../support/tempDir';
import { testRegistry, value } from '../support/fixtures';
import { migrationsUpTo } from './migrationsUpTo';

describe('migration 0002 projections', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('adds projection bookkeeping and leaves the events untouched', () => {
    const path = temp.path('log.db');
    const before = openEventStore({ db: openDatabase(path, { migrations: migrationsUpTo(1) }), registry: testRegistry() });
    before.append('run', [value(1), value(2)], { expectedVersion: 'no-stream' });
    const eventsBefore = before.db.prepare('SELECT * FROM events').all();
    before.db.close();

    const db = openDatabase(path, { migrations: migrationsUpTo(2) });
    try {
      expect(db.prepare('SELECT * FROM events').all()).toEqual(eventsBefore);
      expect(verifyEventLog(db)).toEqual({ ok: true, eventCount: 2 });
      expect(db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all('projections')).toEqual([
        { name: 'name' },
        { name: 'version' },
        { name: 'last_position' },
      ]);
      db.prepare("INSERT INTO projections (name, version) VALUES ('p', 1)").run();
      expect(db.prepare('SELECT * FROM projections').get()).toEqual({ name: 'p', version: 1, last_position: 0 });
    } finally {
      db.close();
    }
  });
});
