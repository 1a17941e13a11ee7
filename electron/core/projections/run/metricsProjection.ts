import { preparedStatement } from '../../store/preparedStatement';
import type { StoredEvent } from '../../../../shared/events/envelope';
import type { EpochCompletedData, EvaluationCompletedData, TrainBatchAnsweredData } from '../../../../shared/events/run/runEventTypes';
import type { Projection } from '../projection';

export const EPOCH_METRICS_TABLE = 'run_epoch_metrics';
export const EVALUATIONS_TABLE = 'run_evaluations';
export const TRAIN_BATCHES_TABLE = 'run_train_batches';

/**
 * Per-epoch metrics (val, versions, notebook size), every evaluation (seed, gate, epoch, test) and
 * every training minibatch's accuracy: the series the run view charts (electron/core/timeline).
 */
export const metricsProjection: Projection = {
  name: 'run-metrics',
  version: 2,
  handles: ['EpochCompleted', 'EvaluationCompleted', 'TrainBatchAnswered'],
  tables: [EPOCH_METRICS_TABLE, EVALUATIONS_TABLE, TRAIN_BATCHES_TABLE],
  init(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${EPOCH_METRICS_TABLE} (
      run_id TEXT NOT NULL, epoch INTEGER NOT NULL, val REAL, prompt_version INTEGER NOT NULL, optimizer_version INTEGER NOT NULL,
      notebook_size INTEGER NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (run_id, epoch)
    );
    CREATE TABLE IF NOT EXISTS ${EVALUATIONS_TABLE} (
      run_id TEXT NOT NULL, position INTEGER NOT NULL, label TEXT NOT NULL, epoch INTEGER NOT NULL, step INTEGER NOT NULL, split TEXT NOT NULL,
      prompt_version INTEGER NOT NULL, with_notebook INTEGER NOT NULL, correct INTEGER NOT NULL, total INTEGER NOT NULL, accuracy REAL NOT NULL,
      PRIMARY KEY (run_id, position)
    );
    CREATE TABLE IF NOT EXISTS ${TRAIN_BATCHES_TABLE} (
      run_id TEXT NOT NULL, position INTEGER NOT NULL, epoch INTEGER NOT NULL, step INTEGER NOT NULL, correct INTEGER NOT NULL,
      total INTEGER NOT NULL, PRIMARY KEY (run_id, position)
    )`);
  },
  apply(db, event: StoredEvent) {
    if (event.type === 'EpochCompleted') {
      const d = event.data as EpochCompletedData;
      preparedStatement(db, `INSERT OR REPLACE INTO ${EPOCH_METRICS_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
        event.streamId, d.epoch, d.val, d.promptVersion, d.optimizerVersion, d.notebookSize, event.globalPosition);
    } else if (event.type === 'TrainBatchAnswered') {
      const d = event.data as TrainBatchAnsweredData;
      preparedStatement(db, `INSERT INTO ${TRAIN_BATCHES_TABLE} VALUES (?, ?, ?, ?, ?, ?)`).run(
        event.streamId, event.globalPosition, d.epoch, d.step, d.items.filter((item) => item.correct).length, d.items.length);
    } else {
      const d = event.data as EvaluationCompletedData;
      preparedStatement(db, `INSERT INTO ${EVALUATIONS_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        event.streamId, event.globalPosition, d.label, d.epoch, d.step, d.split, d.promptVersion, d.withNotebook ? 1 : 0, d.correct, d.total, d.accuracy);
    }
  },
  truncate(db) {
    db.exec(`DROP TABLE IF EXISTS ${EPOCH_METRICS_TABLE}; DROP TABLE IF EXISTS ${EVALUATIONS_TABLE}; DROP TABLE IF EXISTS ${TRAIN_BATCHES_TABLE};`);
  },
};
