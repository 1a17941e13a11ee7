import type { Migration } from './migration';

/** Dimension of the built-in lexical embedder; server embeddings are reduced/padded to it by the notebook. */
export const NOTEBOOK_EMBEDDING_DIMENSION = 384;

/**
 * The notebook's similarity index (sqlite-vec 0.1.9 vec0 table), written by the notebook projection.
 * Verified against sqlite-vec 0.1.9: `partition key` shards by run (KNN filtered by run_id scans only
 * that run), `item_id` is a metadata column usable in the KNN WHERE clause (`item_id != ?` excludes
 * the question being answered), and `distance_metric=cosine` makes `distance` = 1 - cosine similarity.
 * entry_id must be bound as an integer (BigInt from better-sqlite3), not a float.
 */
export const migration0003NotebookVec: Migration = {
  id: 3,
  name: 'notebook_vec',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE notebook_vec USING vec0(
        entry_id integer primary key,
        run_id text partition key,
        item_id text,
        embedding float[${NOTEBOOK_EMBEDDING_DIMENSION}] distance_metric=cosine
      );
    `);
  },
};
