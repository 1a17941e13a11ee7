import type { Retrieved } from '../../../shared/events/run/runEventTypes';
import type { RunState } from '../../../shared/fold/runState';
import type { Db } from '../store/types';
import { NOTEBOOK_TABLE, NOTEBOOK_VECTORS_TABLE, VEC0_DIMENSION } from '../projections/run/notebookTables';

/**
 * Top-k notebook entries of `runId` nearest to `vector`, by KNN on the vec0 index (cosine).
 * Excludes every entry that holds a failure of `excludeItemId` (so a training question never sees
 * its own gold answer) and entries below `threshold`. Ties are broken by entry id, so the result
 * is deterministic.
 */
export function retrieveLessons(
  db: Db, state: RunState, vector: Float32Array, options: { k: number; threshold: number; excludeItemId: string | null },
): Retrieved[] {
  if (options.k <= 0 || state.notebook.size === 0) return [];
  let excluded = 0;
  if (options.excludeItemId !== null) {
    for (const entry of state.notebook.values()) if (entry.itemIds.includes(options.excludeItemId)) excluded += 1;
  }
  const k = Math.min(options.k + excluded + 4, state.notebook.size);
  const bytes = new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
  // 384-d vectors live in the vec0 index; other sizes in notebook_vectors, searched exactly (migration 0007).
  const rows = (vector.length === VEC0_DIMENSION
    ? db.prepare(`
        WITH knn AS (
          SELECT entry_id, distance FROM notebook_vec WHERE embedding MATCH ? AND k = ? AND run_id = ?
        )
        SELECT n.entry_id AS entryId, knn.distance AS distance
        FROM knn JOIN ${NOTEBOOK_TABLE} n ON n.row_id = knn.entry_id
      `).all(bytes, k, state.runId)
    : db.prepare(`
        WITH knn AS (
          SELECT entry_id, vec_distance_cosine(embedding, ?) AS distance FROM ${NOTEBOOK_VECTORS_TABLE}
          WHERE run_id = ? AND dimension = ? ORDER BY distance, entry_id LIMIT ?
        )
        SELECT n.entry_id AS entryId, knn.distance AS distance
        FROM knn JOIN ${NOTEBOOK_TABLE} n ON n.row_id = knn.entry_id
      `).all(bytes, state.runId, vector.length, k)) as { entryId: number; distance: number }[];
  return rows
    .map((r) => ({ entryId: r.entryId, score: Math.round((1 - r.distance) * 1e6) / 1e6 }))
    .filter((r) => {
      const entry = state.notebook.get(r.entryId);
      return entry !== undefined && (options.excludeItemId === null || !entry.itemIds.includes(options.excludeItemId)) && r.score >= options.threshold;
    })
    .sort((a, b) => b.score - a.score || a.entryId - b.entryId)
    .slice(0, options.k);
}
