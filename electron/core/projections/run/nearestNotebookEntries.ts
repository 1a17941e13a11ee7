import type { Db } from '../../store/types';
import { NOTEBOOK_TABLE, NOTEBOOK_VEC_TABLE, NOTEBOOK_VECTORS_TABLE, VEC0_DIMENSION } from './notebookTables';

/**
 * The `k` entries of `runId`'s notebook nearest to `vector` by cosine distance, as (entry id,
 * distance). The index follows the vector's size: 384-d vectors (the lexical embedder) are in the
 * vec0 index, any other size in notebook_vectors, searched exactly (migration 0008).
 */
export function nearestNotebookEntries(db: Db, runId: string, vector: Float32Array, k: number): { entryId: number; distance: number }[] {
  const bytes = new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
  if (vector.length === VEC0_DIMENSION) {
    return db.prepare(`
      WITH knn AS (SELECT entry_id, distance FROM ${NOTEBOOK_VEC_TABLE} WHERE embedding MATCH ? AND k = ? AND run_id = ?)
      SELECT n.entry_id AS entryId, knn.distance AS distance FROM knn JOIN ${NOTEBOOK_TABLE} n ON n.row_id = knn.entry_id
    `).all(bytes, k, runId) as { entryId: number; distance: number }[];
  }
  return db.prepare(`
    WITH knn AS (
      SELECT entry_id, vec_distance_cosine(embedding, ?) AS distance FROM ${NOTEBOOK_VECTORS_TABLE}
      WHERE run_id = ? AND dimension = ? ORDER BY distance, entry_id LIMIT ?
    )
    SELECT n.entry_id AS entryId, knn.distance AS distance FROM knn JOIN ${NOTEBOOK_TABLE} n ON n.row_id = knn.entry_id
  `).all(bytes, runId, vector.length, k) as { entryId: number; distance: number }[];
}
