import type { NotebookHit } from '../../../shared/api/timelineViews';
import type { RunState } from '../../../shared/fold/runState';
import { nearestNotebookEntries } from '../projections/run/nearestNotebookEntries';
import { NOTEBOOK_TABLE } from '../projections/run/notebookTables';
import type { Db } from '../store/types';

/**
 * The `k` entries of the notebook as it was (`notebook`, folded at the scrubbed point) nearest to
 * `vector` by cosine, through the run's index (vec0, or notebook_vectors for other sizes). Entry vectors never change after creation, so
 * the run's current index serves any earlier point once entries created later are filtered out;
 * the KNN therefore asks for every entry of the run and filters, instead of a top-k that those
 * later entries could crowd.
 */
export function searchNotebook(db: Db, runId: string, notebook: RunState['notebook'], vector: Float32Array, k: number): NotebookHit[] {
  if (notebook.size === 0 || k <= 0) return [];
  const total = (db.prepare(`SELECT count(*) AS n FROM ${NOTEBOOK_TABLE} WHERE run_id = ?`).get(runId) as { n: number }).n;
  if (total === 0) return [];
  // The run's own index: vec0 for 384-d vectors, notebook_vectors for the embedder's other sizes.
  const rows = nearestNotebookEntries(db, runId, vector, total);
  return rows
    .filter((row) => notebook.has(row.entryId))
    .map((row) => ({ entryId: row.entryId, score: Math.round((1 - row.distance) * 1e6) / 1e6 }))
    .sort((a, b) => b.score - a.score || a.entryId - b.entryId)
    .slice(0, k);
}
