import { preparedStatement } from '../../store/preparedStatement';
import type { StoredEvent } from '../../../../shared/events/envelope';
import { isRunEvent } from '../../../../shared/events/run/isRunEvent';
import { RUN_EVENT_TYPES } from '../../../../shared/events/run/runEventSchemas';
import { evolveRun } from '../../../../shared/fold/evolveRun';
import { initialRunState } from '../../../../shared/fold/runState';
import { deserializeViewState, serializeViewState } from '../../../../shared/fold/stateSnapshot';
import type { Projection } from '../projection';
import { findSnapshotAtOrBefore } from './findSnapshot';
import { foldFromContext } from './foldFromContext';
import { LINEAGE_TABLE, SNAPSHOT_EVERY, SNAPSHOTS_TABLE } from './snapshotTables';

/**
 * Snapshots of each run's folded (view) state: at its first event, at every epoch end, and at
 * least every SNAPSHOT_EVERY positions. stateAt then folds at most one gap of events from the
 * nearest snapshot instead of the whole log (the scrubber's speed target). Each snapshot is built
 * from the previous one plus the events since, so the cost stays proportional to the log. Also
 * keeps each run's lineage (fork parent) and first/last positions for cheap point resolution.
 */
export const snapshotProjection: Projection = {
  name: 'run-snapshots',
  // v2: the fold labels a run simulated when a call carries the simulator fingerprint (simulatorAnswered), and a fork of a simulated run.
  // v3: states carry bestVal, valPromptOnly, notebookRevision, estimatedCalls (issue 10's records).
  version: 3,
  handles: RUN_EVENT_TYPES,
  tables: [SNAPSHOTS_TABLE, LINEAGE_TABLE],
  init(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${SNAPSHOTS_TABLE} (
      run_id TEXT NOT NULL, position INTEGER NOT NULL, epoch_completed INTEGER, state TEXT NOT NULL, PRIMARY KEY (run_id, position)
    );
    CREATE TABLE IF NOT EXISTS ${LINEAGE_TABLE} (
      run_id TEXT PRIMARY KEY, parent_run_id TEXT, parent_position INTEGER, first_position INTEGER NOT NULL, last_position INTEGER NOT NULL
    )`);
  },
  apply(db, event: StoredEvent, ctx) {
    // Never skips (`handles` is the run catalogue); it narrows `event`, so `data` is typed below.
    if (!isRunEvent(event)) return;
    const runId = event.streamId;
    if (event.type === 'RunStarted' || event.type === 'RunForked') {
      const fork = event.type === 'RunForked' ? event.data : null;
      preparedStatement(db, `INSERT INTO ${LINEAGE_TABLE} VALUES (?, ?, ?, ?, ?)`).run(runId, fork?.parentRunId ?? null, fork?.parentPosition ?? null, event.globalPosition, event.globalPosition);
    } else {
      preparedStatement(db, `UPDATE ${LINEAGE_TABLE} SET last_position = ? WHERE run_id = ?`).run(event.globalPosition, runId);
    }
    const epochEnd = event.type === 'EpochCompleted' ? event.data.epoch : null;
    const last = (preparedStatement(db, `SELECT max(position) AS p FROM ${SNAPSHOTS_TABLE} WHERE run_id = ?`).get(runId) as { p: number | null }).p;
    const due = last === null || epochEnd !== null || event.globalPosition - last >= SNAPSHOT_EVERY || event.type === 'RunCompleted';
    if (!due) return;
    const base = findSnapshotAtOrBefore(db, runId, event.globalPosition - 1);
    const state = base ? deserializeViewState(base.state, runId) : initialRunState(runId);
    const events = ctx.readStream(runId, { fromGlobalPosition: (base?.position ?? 0) + 1, toGlobalPosition: event.globalPosition }).filter(isRunEvent);
    for (const e of events) evolveRun(state, e, { trackAnswers: false, memorySource: (from, at) => foldFromContext(ctx, from, at) });
    preparedStatement(db, `INSERT OR REPLACE INTO ${SNAPSHOTS_TABLE} VALUES (?, ?, ?, ?)`).run(runId, event.globalPosition, epochEnd, serializeViewState(state));
  },
  truncate(db) {
    db.exec(`DROP TABLE IF EXISTS ${SNAPSHOTS_TABLE}; DROP TABLE IF EXISTS ${LINEAGE_TABLE};`);
  },
};
