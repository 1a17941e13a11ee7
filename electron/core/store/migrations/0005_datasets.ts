import type { Migration } from './migration';

/**
 * Imported datasets, stored content-addressed: `hash` is sha256 over the canonical item list
 * (shared/datasets/datasetContentHash), so a dataset row can never change what it names.
 *
 * - `datasets`: one row per distinct content; `name` is a label (not unique: a re-import of edited
 *   data under the same name is a new hash, and lookups by name take the newest).
 * - `dataset_items`: the items in order. Immutable: UPDATE is refused by a trigger, because
 *   changing an item would silently break the content address.
 */
export const migration0005Datasets: Migration = {
  id: 5,
  name: 'datasets',
  up(db) {
    db.exec(`
      CREATE TABLE datasets (
        hash       TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        format     TEXT NOT NULL CHECK (format IN ('jsonl', 'json', 'csv')),
        item_count INTEGER NOT NULL CHECK (item_count >= 0),
        created_at TEXT NOT NULL
      );
      CREATE INDEX datasets_by_name ON datasets (name, created_at);
      CREATE TABLE dataset_items (
        dataset_hash TEXT NOT NULL REFERENCES datasets (hash) ON DELETE CASCADE,
        ordinal      INTEGER NOT NULL,
        id           TEXT NOT NULL,
        question     TEXT NOT NULL,
        answer       TEXT NOT NULL,
        PRIMARY KEY (dataset_hash, ordinal),
        UNIQUE (dataset_hash, id)
      ) WITHOUT ROWID;
      CREATE TRIGGER dataset_items_immutable BEFORE UPDATE ON dataset_items
      BEGIN
        SELECT RAISE(ABORT, 'dataset_items are content-addressed and immutable');
      END;
    `);
  },
};
