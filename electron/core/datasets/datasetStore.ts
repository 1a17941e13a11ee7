import type { Dataset, DatasetItem } from '../../../shared/datasets/datasetItem';
import { datasetContentHash } from '../../../shared/datasets/datasetContentHash';
import type { Clock, Db } from '../store/types';
import type { DatasetFormat } from './import/importTypes';
import type { DatasetSummary } from '../../../shared/api/datasetViews';

/** A stored dataset's header row (the API's type). */
export type { DatasetSummary };

export interface StoreDatasetResult {
  hash: string;
  /** false when the same content was already stored (nothing written). */
  created: boolean;
  /** The stored row (for an existing dataset: its original name and format). */
  summary: DatasetSummary;
}

interface SummaryRow {
  hash: string;
  name: string;
  format: DatasetFormat;
  item_count: number;
  created_at: string;
}

const toSummary = (row: SummaryRow): DatasetSummary => ({
  hash: row.hash,
  name: row.name,
  format: row.format,
  itemCount: row.item_count,
  createdAt: row.created_at,
});

/**
 * Stores validated items under their content hash, in one transaction. Storing content that is
 * already there is a no-op that returns the existing row (`created: false`).
 * Needs migration 0005 applied.
 */
export function storeDataset(
  db: Db,
  input: { name: string; format: DatasetFormat; items: readonly DatasetItem[] },
  clock: Clock,
): StoreDatasetResult {
  const hash = datasetContentHash(input.items);
  return db.transaction((): StoreDatasetResult => {
    const existing = db.prepare('SELECT * FROM datasets WHERE hash = ?').get(hash) as SummaryRow | undefined;
    if (existing) return { hash, created: false, summary: toSummary(existing) };
    const createdAt = clock().toISOString();
    db.prepare('INSERT INTO datasets (hash, name, format, item_count, created_at) VALUES (?, ?, ?, ?, ?)').run(
      hash, input.name, input.format, input.items.length, createdAt,
    );
    const insert = db.prepare('INSERT INTO dataset_items (dataset_hash, ordinal, id, question, answer) VALUES (?, ?, ?, ?, ?)');
    input.items.forEach((item, ordinal) => insert.run(hash, ordinal, item.id, item.question, item.answer));
    return {
      hash,
      created: true,
      summary: { hash, name: input.name, format: input.format, itemCount: input.items.length, createdAt },
    };
  })();
}

/** Every stored dataset, newest first. */
export function listDatasets(db: Db): DatasetSummary[] {
  const rows = db.prepare('SELECT * FROM datasets ORDER BY created_at DESC, name').all() as SummaryRow[];
  return rows.map(toSummary);
}

/**
 * Finds a stored dataset by full hash, by a unique hash prefix (at least 8 hex digits), or by
 * name (the newest with that name). Returns null when nothing matches.
 */
export function findDataset(db: Db, hashOrName: string): DatasetSummary | null {
  const byHash = db.prepare('SELECT * FROM datasets WHERE hash = ?').get(hashOrName) as SummaryRow | undefined;
  if (byHash) return toSummary(byHash);
  if (/^[0-9a-f]{8,63}$/.test(hashOrName)) {
    const prefixed = db.prepare("SELECT * FROM datasets WHERE hash LIKE ? || '%' LIMIT 2").all(hashOrName) as SummaryRow[];
    if (prefixed.length === 1) return toSummary(prefixed[0]!);
  }
  const byName = db
    .prepare('SELECT * FROM datasets WHERE name = ? ORDER BY created_at DESC, hash LIMIT 1')
    .get(hashOrName) as SummaryRow | undefined;
  return byName ? toSummary(byName) : null;
}

/**
 * Loads a stored dataset with its items in order. Imported datasets have no official test split
 * (`test: null`): resolveSplit carves one out. Throws when nothing matches `hashOrName`.
 */
export function loadDataset(db: Db, hashOrName: string): Dataset {
  const summary = findDataset(db, hashOrName);
  if (!summary) throw new Error(`no dataset named or hashed "${hashOrName}" in this database`);
  const items = db
    .prepare('SELECT id, question, answer FROM dataset_items WHERE dataset_hash = ? ORDER BY ordinal')
    .all(summary.hash) as DatasetItem[];
  return { name: summary.name, hash: summary.hash, source: summary.format, train: items, test: null };
}
