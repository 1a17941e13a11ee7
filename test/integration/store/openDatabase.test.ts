import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/store/openDatabase';
import { migrations } from '../../../electron/core/store/migrations/index';
import type { Migration } from '../../../electron/core/store/migrations/migration';
import {
  ForeignDatabaseError,
  MigrationHistoryError,
  NewerSchemaError,
  OutdatedSchemaError,
} from '../../../electron/core/store/databaseOpenErrors';
import { REMO_APPLICATION_ID } from '../../../electron/core/store/applicationId';
import { makeTempDir } from './support/tempDir';

const futureMigration: Migration = { id: 9999, name: 'from_the_future', up: (db) => db.exec('CREATE TABLE future (x)') };

describe('openDatabase', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  /** Opening must fail with `error` and leave the folder byte-for-byte as it was. */
  function expectRefusedUnchanged(path: string, error: new (...args: never[]) => Error, message: RegExp): void {
    const bytes = readFileSync(path);
    const files = readdirSync(temp.dir).sort();
    expect(() => openDatabase(path)).toThrow(error);
    expect(() => openDatabase(path)).toThrow(message);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(temp.dir).sort()).toEqual(files);
  }

  it('initialises a missing file: application id, WAL, every migration', () => {
    const db = openDatabase(temp.path('new.db'));
    try {
      expect(db.pragma('application_id', { simple: true })).toBe(REMO_APPLICATION_ID);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL, see Durability in openDatabase.ts
      expect(db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all()).toEqual(migrations.map((m) => m.id));
      expect(db.prepare('SELECT vec_version()').pluck().get()).toBe('v0.1.9');
    } finally {
      db.close();
    }
  });

  it('initialises an empty file and an empty SQLite file, and re-opens idempotently', () => {
    writeFileSync(temp.path('empty.db'), '');
    new Database(temp.path('empty-sqlite.db')).close();
    for (const name of ['empty.db', 'empty-sqlite.db']) {
      openDatabase(temp.path(name)).close();
      const db = openDatabase(temp.path(name), { durability: 'full' });
      expect(db.pragma('application_id', { simple: true })).toBe(REMO_APPLICATION_ID);
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(migrations.length);
      db.close();
    }
  });

  it("refuses another application's SQLite file and leaves it unchanged", () => {
    const path = temp.path('foreign.db');
    const other = new Database(path);
    other.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hello')");
    other.close();
    expectRefusedUnchanged(path, ForeignDatabaseError, /is not a REMO Studio database \(application_id is 0/);

    const tagged = temp.path('tagged.db');
    const another = new Database(tagged);
    another.pragma('application_id = 1234');
    another.exec('CREATE TABLE t (x)');
    another.close();
    expectRefusedUnchanged(tagged, ForeignDatabaseError, /application_id is 1234/);
  });

  it('refuses a file that is not SQLite at all, unchanged', () => {
    const path = temp.path('notes.txt');
    writeFileSync(path, 'these are not the bytes you are looking for\n'.repeat(200));
    expectRefusedUnchanged(path, ForeignDatabaseError, /not an SQLite file/);
  });

  it('refuses a database written by a newer schema, unchanged', () => {
    const path = temp.path('newer.db');
    openDatabase(path, { migrations: [...migrations, futureMigration] }).close();
    expectRefusedUnchanged(path, NewerSchemaError, /written by a newer version .* this build knows/);
  });

  it('refuses when the applied list is not a prefix of the known list, unchanged', () => {
    const path = temp.path('diverged.db');
    openDatabase(path, { migrations: [migrations[0]!, { id: 2, name: 'someone_elses', up: () => {} }] }).close();
    expectRefusedUnchanged(path, MigrationHistoryError, /applied migration 2 someone_elses does not match/);
  });

  it('refuses a migration list whose ids do not increase', () => {
    expect(() => openDatabase(temp.path('x.db'), { migrations: [migrations[1]!, migrations[0]!] })).toThrow(/ids must increase/);
  });

  it('opens read-only connections only on a current schema, unless told the reader needs only the events', () => {
    const path = temp.path('old.db');
    openDatabase(path, { migrations: migrations.slice(0, 1) }).close();
    expect(() => openDatabase(path, { readonly: true })).toThrow(OutdatedSchemaError);
    const reader = openDatabase(path, { readonly: true, allowOutdatedSchema: true });
    expect(reader.readonly).toBe(true);
    reader.close();
    expect(() => openDatabase(temp.path('missing.db'), { readonly: true })).toThrow(/no database/);
    expect(readdirSync(temp.dir)).not.toContain('missing.db');
  });
});
