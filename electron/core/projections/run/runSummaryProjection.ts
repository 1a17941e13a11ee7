import { preparedStatement } from '../../store/preparedStatement';
import type { StoredEvent } from '../../../../shared/events/envelope';
import type {
  EpochCompletedData, EvaluationCompletedData, LoggedCall, RunFailedData, RunForkedEventData, RunPausedData, RunReconfiguredData, RunStartedData,
  RunStoppedData,
} from '../../../../shared/events/run/runEventTypes';
import { answeredBySimulator } from '../../../../shared/events/run/callRecord';
import { RUN_EVENT_TYPES } from '../../../../shared/events/run/runEventSchemas';
import { CATALOG_EVENT_TYPES, type RunArchivedData, type RunRenamedData } from '../../../../shared/events/catalog';
import type { RunConfig } from '../../../../shared/config/runConfig';
import type { Db } from '../../store/types';
import type { Projection } from '../projection';
import { viewStateFromContext } from './foldFromContext';

export const RUN_SUMMARIES_TABLE = 'run_summaries';

const COLUMN_FOR_LABEL: Partial<Record<EvaluationCompletedData['label'], string>> = {
  'seed-val': 'seed_val', 'seed-test': 'seed_test', 'epoch-val': 'val', test: 'test', 'test-prompt-only': 'test_prompt_only',
};

/** The solver's model: the model of the endpoint the solver role is bound to, else the first endpoint's. */
export function solverModelOf(config: Pick<RunConfig, 'endpoints' | 'roles'>): string {
  const solverEndpoint = config.roles?.solver?.endpoint;
  const endpoint = config.endpoints.find((e) => e.name === solverEndpoint) ?? config.endpoints[0];
  return endpoint?.model ?? '';
}

function setStatus(db: Db, runId: string, status: string, reason: string | null): void {
  preparedStatement(db, `UPDATE ${RUN_SUMMARIES_TABLE} SET status = ?, status_reason = ? WHERE run_id = ?`).run(status, reason, runId);
}

/**
 * One row per run: method, status, accuracies (seed, val, test, prompt-only test), epochs, usage
 * totals and work time. A fork's row starts from its parent's accuracies at the fork point and
 * counts only its own calls. The run catalog's RunRenamed and RunArchived (stream `$catalog`, not a
 * run) set `name` and `archived`; RunReconfigured updates the model.
 */
export const runSummaryProjection: Projection = {
  name: 'run-summaries',
  // v2: catalog events and the solver model. v3: `simulated` also from the calls (the simulator's
  // fingerprint), kept through a reconfiguration once a call was simulated, and inherited by forks.
  // v4: estimated_calls, val_prompt_only.
  version: 4,
  handles: [...RUN_EVENT_TYPES, ...CATALOG_EVENT_TYPES],
  tables: [RUN_SUMMARIES_TABLE],
  init(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${RUN_SUMMARIES_TABLE} (
      run_id TEXT PRIMARY KEY, name TEXT NOT NULL, method TEXT NOT NULL, status TEXT NOT NULL, status_reason TEXT,
      parent_run_id TEXT, parent_position INTEGER, created_at TEXT NOT NULL, epochs_planned INTEGER NOT NULL, epochs_done INTEGER NOT NULL,
      seed_val REAL, seed_test REAL, val REAL, test REAL, test_prompt_only REAL, val_prompt_only REAL,
      calls INTEGER NOT NULL DEFAULT 0, cached_calls INTEGER NOT NULL DEFAULT 0, estimated_calls INTEGER NOT NULL DEFAULT 0, prompt_tokens INTEGER NOT NULL DEFAULT 0,
      completion_tokens INTEGER NOT NULL DEFAULT 0, latency_ms INTEGER NOT NULL DEFAULT 0, work_ms INTEGER NOT NULL DEFAULT 0,
      simulated INTEGER NOT NULL, last_position INTEGER NOT NULL, model TEXT NOT NULL DEFAULT '', archived INTEGER NOT NULL DEFAULT 0,
      simulator_answered INTEGER NOT NULL DEFAULT 0
    )`);
  },
  apply(db, event: StoredEvent, ctx) {
    // Catalog events name their run in the data; they are not part of any run's log.
    if (event.type === 'RunRenamed') {
      const d = event.data as RunRenamedData;
      preparedStatement(db, `UPDATE ${RUN_SUMMARIES_TABLE} SET name = ? WHERE run_id = ?`).run(d.name, d.runId);
      return;
    }
    if (event.type === 'RunArchived') {
      const d = event.data as RunArchivedData;
      preparedStatement(db, `UPDATE ${RUN_SUMMARIES_TABLE} SET archived = ? WHERE run_id = ?`).run(d.archived ? 1 : 0, d.runId);
      return;
    }
    const runId = event.streamId;
    if (event.type === 'RunStarted') {
      const d = event.data as RunStartedData;
      preparedStatement(db, `INSERT INTO ${RUN_SUMMARIES_TABLE} (run_id, name, method, status, created_at, epochs_planned, epochs_done, simulated, last_position, model)
        VALUES (?, ?, ?, 'running', ?, ?, 0, ?, ?, ?)`).run(
        runId, d.config.name, d.config.method, event.recordedAt, d.config.epochs, d.simulated ? 1 : 0, event.globalPosition, solverModelOf(d.config));
    } else if (event.type === 'RunForked') {
      const d = event.data as RunForkedEventData;
      const parent = viewStateFromContext(db, ctx, d.parentRunId, d.parentPosition);
      const a = parent.accuracies;
      preparedStatement(db, `INSERT INTO ${RUN_SUMMARIES_TABLE} (run_id, name, method, status, parent_run_id, parent_position, created_at, epochs_planned, epochs_done,
        seed_val, seed_test, val, test, test_prompt_only, val_prompt_only, simulated, last_position, model, simulator_answered) VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        runId, d.config.name, d.config.method, d.parentRunId, d.parentPosition, event.recordedAt, d.config.epochs, parent.metrics.at(-1)?.epoch ?? 0,
        a.seedVal, a.seedTest, a.val, a.test, a.testPromptOnly, parent.metrics.at(-1)?.epoch ? (a.valPromptOnly ?? null) : null,
        d.simulated || parent.simulated ? 1 : 0, event.globalPosition, solverModelOf(d.config), parent.simulated || parent.simulatorAnswered ? 1 : 0);
    } else if (event.type === 'RunReconfigured') {
      const d = event.data as RunReconfiguredData;
      // New endpoints do not make answers the simulator already gave real: once answered by it, simulated.
      preparedStatement(db, `UPDATE ${RUN_SUMMARIES_TABLE} SET model = ?, simulated = MAX(simulator_answered, ?) WHERE run_id = ?`).run(solverModelOf(d.config), d.simulated ? 1 : 0, runId);
    }
    const calls = (event.data as { calls?: LoggedCall[] }).calls ?? [];
    const durationMs = typeof event.metadata.durationMs === 'number' ? Math.round(event.metadata.durationMs) : 0;
    preparedStatement(db, `UPDATE ${RUN_SUMMARIES_TABLE} SET calls = calls + ?, cached_calls = cached_calls + ?, estimated_calls = estimated_calls + ?, prompt_tokens = prompt_tokens + ?,
      completion_tokens = completion_tokens + ?, latency_ms = latency_ms + ?, work_ms = work_ms + ?, last_position = ? WHERE run_id = ?`).run(
      calls.length, calls.filter((c) => c.cached).length, calls.filter((c) => c.estimated).length, calls.reduce((s, c) => s + c.promptTokens, 0), calls.reduce((s, c) => s + c.completionTokens, 0),
      Math.round(calls.reduce((s, c) => s + c.latencyMs, 0)), durationMs, event.globalPosition, runId);
    if (answeredBySimulator(calls)) preparedStatement(db, `UPDATE ${RUN_SUMMARIES_TABLE} SET simulated = 1, simulator_answered = 1 WHERE run_id = ?`).run(runId);
    switch (event.type) {
      case 'EvaluationCompleted': {
        const d = event.data as EvaluationCompletedData;
        const column = d.label === 'test' && !d.withNotebook ? null : COLUMN_FOR_LABEL[d.label];
        if (column) preparedStatement(db, `UPDATE ${RUN_SUMMARIES_TABLE} SET ${column} = ? WHERE run_id = ?`).run(d.accuracy, runId);
        // Beside `val` (the last epoch-val): the seed's prompt-only val (epoch 0) is not an epoch's.
        if (d.label === 'val-prompt-only' && d.epoch > 0) preparedStatement(db, `UPDATE ${RUN_SUMMARIES_TABLE} SET val_prompt_only = ? WHERE run_id = ?`).run(d.accuracy, runId);
        if (d.label === 'test' && !d.withNotebook) preparedStatement(db, `UPDATE ${RUN_SUMMARIES_TABLE} SET test = ?, test_prompt_only = ? WHERE run_id = ?`).run(d.accuracy, d.accuracy, runId);
        break;
      }
      case 'EpochCompleted':
        preparedStatement(db, `UPDATE ${RUN_SUMMARIES_TABLE} SET epochs_done = ? WHERE run_id = ?`).run((event.data as EpochCompletedData).epoch, runId);
        break;
      case 'RunCompleted': setStatus(db, runId, 'completed', null); break;
      case 'RunPaused': setStatus(db, runId, 'paused', (event.data as RunPausedData).reason); break;
      case 'RunResumed': setStatus(db, runId, 'running', null); break;
      case 'RunStopped': setStatus(db, runId, 'stopped', (event.data as RunStoppedData).reason); break;
      case 'RunFailed': setStatus(db, runId, 'failed', (event.data as RunFailedData).reason); break;
    }
  },
  truncate(db) {
    db.exec(`DROP TABLE IF EXISTS ${RUN_SUMMARIES_TABLE}`);
  },
};
