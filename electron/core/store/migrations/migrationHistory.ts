import type { Clock, Db } from '../types';
import type { Migration } from './migration';
import { MigrationHistoryError, NewerSchemaError } from '../databaseOpenErrors';

/** One row of `schema_migrations`: a migration that has run on this file. */
export interface AppliedMigration {
  id: number;
  name: string;
}

/** The runner's own bookkeeping, created with the first migration (not a numbered migration itself). */
const CREATE_BOOKKEEPING = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** Applied migrations in id order; empty for a fresh file. Reads only. */
export function readAppliedMigrations(db: Db): AppliedMigration[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!exists) return [];
  return db.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all() as AppliedMigration[];
}

/**
 * The migrations still to run. Invariant: the applied list must be a prefix of the known list
 * (same ids and names, same order); otherwise the file's history is not ours to extend and we
 * refuse before writing anything.
 */
export function pendingMigrations(applied: readonly AppliedMigration[], known: readonly Migration[], path: string): Migration[] {
  known.forEach((migration, index) => {
    const previous = known[index - 1];
    if (previous && migration.id <= previous.id) {
      throw new MigrationHistoryError(`migration ids must increase: ${migration.id} ${migration.name} follows ${previous.id} ${previous.name}`);
    }
  });
  if (applied.length > known.length) throw new NewerSchemaError(path, applied.length, known.length);
  applied.forEach((done, index) => {
    const expected = known[index];
    if (!expected || expected.id !== done.id || expected.name !== done.name) {
      throw new MigrationHistoryError(
        `${path}: applied migration ${done.id} ${done.name} does not match this build's ` +
          `${expected ? `${expected.id} ${expected.name}` : 'list'}; the applied list must be a prefix of the known one. The file was left unchanged.`,
      );
    }
  });
  return known.slice(applied.length);
}

/** Runs each pending migration in its own transaction, together with its bookkeeping row. */
export function applyMigrations(db: Db, pending: readonly Migration[], clock: Clock): void {
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(CREATE_BOOKKEEPING);
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(
        migration.id,
        migration.name,
        clock().toISOString(),
      );
    }).immediate();
  }
}
