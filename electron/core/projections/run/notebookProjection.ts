import { preparedStatement } from '../../store/preparedStatement';
import type { StoredEvent } from '../../../../shared/events/envelope';
import type { NotebookEntryResolvedData, NotebookEntryWrittenData, RunForkedEventData, RunStartedData } from '../../../../shared/events/run/runEventTypes';
import type { NotebookEntryState } from '../../../../shared/fold/runState';
import { decodeVector } from '../../../../shared/fold/vectorCodec';
import type { Db } from '../../store/types';
import type { Projection } from '../projection';
import { foldFromContext } from './foldFromContext';
import { NOTEBOOK_TABLE, NOTEBOOK_VEC_TABLE, NOTEBOOK_VECTORS_TABLE, VEC0_DIMENSION } from './notebookTables';

function insertEntry(db: Db, runId: string, e: NotebookEntryState): void {
  const info = preparedStatement(db, `INSERT INTO ${NOTEBOOK_TABLE}
    (run_id, entry_id, item_id, item_ids, question, gold, predicted, trace, lesson, fail_count, resolved, created_position, updated_position)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    runId, e.entryId, e.itemId, JSON.stringify(e.itemIds), e.question, e.gold, e.predicted, e.trace, e.lesson, e.failCount, e.resolved ? 1 : 0, e.createdAt, e.updatedAt,
  );
  if (e.embedding) {
    const v = decodeVector(e.embedding);
    const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    // The embedder's own size: 384 (the lexical embedder) in the vec0 index, any other in the plain table.
    if (v.length === VEC0_DIMENSION) {
      preparedStatement(db, `INSERT INTO ${NOTEBOOK_VEC_TABLE} (entry_id, run_id, item_id, embedding) VALUES (?, ?, ?, ?)`).run(BigInt(info.lastInsertRowid), runId, e.itemId, bytes);
    } else {
      preparedStatement(db, `INSERT INTO ${NOTEBOOK_VECTORS_TABLE} (entry_id, run_id, item_id, dimension, embedding) VALUES (?, ?, ?, ?, ?)`)
        .run(BigInt(info.lastInsertRowid), runId, e.itemId, v.length, bytes);
    }
  }
}

/** Copies a source run's notebook as of `position` into `runId`'s own partition (forks, cross-run memory). */
function copyNotebook(db: Db, runId: string, entries: Iterable<NotebookEntryState>): void {
  for (const entry of [...entries].sort((a, b) => a.entryId - b.entryId)) insertEntry(db, runId, entry);
}

/**
 * The mistake notebook per run, and its vec0 similarity index (notebook_vec, partitioned by run).
 * vec0 row ids are global, so each row gets its own id (row_id) and keeps the run's entry id
 * beside it. A fork (or a run seeded from another run's notebook) gets its own copy of the
 * source's entries as of the fork point, folded from the log, so both runs evolve independently.
 */
export const notebookProjection: Projection = {
  name: 'run-notebook',
  version: 1,
  handles: ['RunStarted', 'RunForked', 'NotebookEntryWritten', 'NotebookEntryResolved'],
  tables: [NOTEBOOK_TABLE, NOTEBOOK_VEC_TABLE, NOTEBOOK_VECTORS_TABLE],
  init(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${NOTEBOOK_TABLE} (
      row_id INTEGER PRIMARY KEY AUTOINCREMENT,
      run_id TEXT NOT NULL, entry_id INTEGER NOT NULL, item_id TEXT NOT NULL, item_ids TEXT NOT NULL,
      question TEXT NOT NULL, gold TEXT NOT NULL, predicted TEXT, trace TEXT NOT NULL, lesson TEXT NOT NULL,
      fail_count INTEGER NOT NULL, resolved INTEGER NOT NULL, created_position INTEGER NOT NULL, updated_position INTEGER NOT NULL,
      UNIQUE (run_id, entry_id)
    )`);
  },
  apply(db, event: StoredEvent, ctx) {
    const runId = event.streamId;
    switch (event.type) {
      case 'RunStarted': {
        const memory = (event.data as RunStartedData).memory;
        if (memory?.notebook) copyNotebook(db, runId, foldFromContext(ctx, memory.fromRunId, memory.position).notebook.values());
        break;
      }
      case 'RunForked': {
        const d = event.data as RunForkedEventData;
        copyNotebook(db, runId, foldFromContext(ctx, d.parentRunId, d.parentPosition).notebook.values());
        break;
      }
      case 'NotebookEntryWritten': {
        const d = event.data as NotebookEntryWrittenData;
        const row = preparedStatement(db, `SELECT item_ids FROM ${NOTEBOOK_TABLE} WHERE run_id = ? AND entry_id = ?`).get(runId, d.entryId) as { item_ids: string } | undefined;
        if (!row) {
          insertEntry(db, runId, {
            entryId: d.entryId, itemId: d.itemId, itemIds: [d.itemId], question: d.question, gold: d.gold, predicted: d.predicted, trace: d.trace,
            lesson: d.lesson, failCount: d.failCount, resolved: false, embedding: d.embedding ?? null, createdAt: event.globalPosition, updatedAt: event.globalPosition,
          });
        } else {
          const ids = JSON.parse(row.item_ids) as string[];
          if (!ids.includes(d.itemId)) ids.push(d.itemId);
          preparedStatement(db, `UPDATE ${NOTEBOOK_TABLE} SET item_ids = ?, predicted = ?, trace = ?, lesson = ?, fail_count = ?, resolved = 0, updated_position = ?
            WHERE run_id = ? AND entry_id = ?`).run(JSON.stringify(ids), d.predicted, d.trace, d.lesson, d.failCount, event.globalPosition, runId, d.entryId);
        }
        break;
      }
      case 'NotebookEntryResolved': {
        const d = event.data as NotebookEntryResolvedData;
        preparedStatement(db, `UPDATE ${NOTEBOOK_TABLE} SET resolved = 1, updated_position = ? WHERE run_id = ? AND entry_id = ?`).run(event.globalPosition, runId, d.entryId);
        break;
      }
    }
  },
  truncate(db) {
    db.exec(`DROP TABLE IF EXISTS ${NOTEBOOK_TABLE}; DELETE FROM ${NOTEBOOK_VEC_TABLE}; DELETE FROM ${NOTEBOOK_VECTORS_TABLE};`);
  },
};
