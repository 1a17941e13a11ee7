import type { Retrieved } from '../../../shared/events/run/runEventTypes';
import type { RunState } from '../../../shared/fold/runState';
import type { Db } from '../store/types';
import { nearestNotebookEntries } from '../projections/run/nearestNotebookEntries';

/**
 * Top-k notebook entries of `runId` nearest to `vector` by cosine, on the index of the vector's size
 * (vec0 for 384-d, notebook_vectors otherwise).
 * Excludes every entry that holds a failure of `excludeItemId` (so a training question never sees
 * its own gold answer) and entries below `threshold`. Ties are broken by entry id, so the result
 * is deterministic.
 *
 * `state` may be an earlier state of the run than the index (`indexed` entries, default the
 * state's own count): entries the index has and the state does not yet are asked for on top and
 * dropped, so the result is what retrieval gave at that earlier point.
 */
export function retrieveLessons(
  db: Db, state: RunState, vector: Float32Array, options: { k: number; threshold: number; excludeItemId: string | null; indexed?: number },
): Retrieved[] {
  if (options.k <= 0 || state.notebook.size === 0) return [];
  let excluded = 0;
  if (options.excludeItemId !== null) {
    for (const entry of state.notebook.values()) if (entry.itemIds.includes(options.excludeItemId)) excluded += 1;
  }
  const indexed = Math.max(options.indexed ?? state.notebook.size, state.notebook.size);
  const k = Math.min(options.k + excluded + 4 + (indexed - state.notebook.size), indexed);
  const rows = nearestNotebookEntries(db, state.runId, vector, k);
  return rows
    .map((r) => ({ entryId: r.entryId, score: Math.round((1 - r.distance) * 1e6) / 1e6 }))
    .filter((r) => {
      const entry = state.notebook.get(r.entryId);
      return entry !== undefined && (options.excludeItemId === null || !entry.itemIds.includes(options.excludeItemId)) && r.score >= options.threshold;
    })
    .sort((a, b) => b.score - a.score || a.entryId - b.entryId)
    .slice(0, options.k);
}
