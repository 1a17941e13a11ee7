import type { Migration } from './migration';

/**
 * The notebook's similarity index for embedders whose vectors are not 384-dimensional (real
 * embedding models: 768, 1024, 4096, ...). vec0 tables have one fixed size, so instead of a vec0
 * table per size this is a plain table searched exactly with sqlite-vec's vec_distance_cosine,
 * filtered by run and size. vec0 (0.1.x) is itself an exact, brute-force search, so a notebook of
 * a few thousand entries costs about the same either way. 384-d vectors (the lexical embedder)
 * stay in notebook_vec (migration 0003).
 */
export const migration0008NotebookVectors: Migration = {
  id: 8,
  name: 'notebook_vectors',
  up(db) {
    db.exec(`
      CREATE TABLE notebook_vectors (
        entry_id  INTEGER PRIMARY KEY,
        run_id    TEXT NOT NULL,
        item_id   TEXT NOT NULL,
        dimension INTEGER NOT NULL,
        embedding BLOB NOT NULL
      );
      CREATE INDEX notebook_vectors_by_run ON notebook_vectors (run_id, dimension);
    `);
  },
};
