import type { RunPoint } from '../../../shared/api/runViews';
import { findEpochSnapshot, lineageOf } from '../projections/run/findSnapshot';
import type { EventStore } from '../store/types';
import { RunPointError } from './runPointError';

/**
 * The global position `at` names in the run's logical stream, from the lineage and snapshot tables
 * (no log scan): {epoch} = its EpochCompleted (0 = after the seed validation; the seed test score
 * lands later, before close-epoch 1, so a fork at epoch 0 measures its own); {position} = clamped
 * to the run's last event; 'end' = the last event.
 */
export function resolveRunPoint(store: EventStore, runId: string, at: RunPoint): number {
  const lineage = lineageOf(store.db, runId);
  if (!lineage) throw new RunPointError(`no run "${runId}"`);
  if (at === 'end') return lineage.last_position;
  if ('epoch' in at) {
    const snapshot = findEpochSnapshot(store.db, runId, at.epoch);
    if (!snapshot) throw new RunPointError(`epoch ${at.epoch} has not been completed in this run`);
    return snapshot.position;
  }
  if (at.position > lineage.last_position) return lineage.last_position;
  return at.position;
}
