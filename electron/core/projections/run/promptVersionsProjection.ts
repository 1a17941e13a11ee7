import { preparedStatement } from '../../store/preparedStatement';
import type { StoredEvent } from '../../../../shared/events/envelope';
import type {
  OptimizerInstructionsRejectedData, OptimizerInstructionsUpdatedData, PromptAcceptedData, PromptRejectedData, PromptUpdateFailedData, RunForkedEventData, RunStartedData,
} from '../../../../shared/events/run/runEventTypes';
import type { Projection } from '../projection';
import { viewStateFromContext } from './foldFromContext';

export const PROMPT_VERSIONS_TABLE = 'run_prompt_versions';

/**
 * The history of P ('prompt') and Q ('optimizer') per run: every accepted version, every rejected
 * candidate (version null) with the reason, and the starting versions of forks and seeded runs.
 */
export const promptVersionsProjection: Projection = {
  name: 'run-prompt-versions',
  version: 1,
  handles: ['RunStarted', 'RunForked', 'PromptAccepted', 'PromptRejected', 'PromptUpdateFailed', 'OptimizerInstructionsUpdated', 'OptimizerInstructionsRejected'],
  tables: [PROMPT_VERSIONS_TABLE],
  init(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${PROMPT_VERSIONS_TABLE} (
      run_id TEXT NOT NULL, position INTEGER NOT NULL, kind TEXT NOT NULL, version INTEGER, status TEXT NOT NULL,
      text TEXT NOT NULL, epoch INTEGER, step INTEGER, val REAL, previous_val REAL, reason TEXT, PRIMARY KEY (run_id, position, kind)
    )`);
  },
  apply(db, event: StoredEvent, ctx) {
    const insert = (kind: string, version: number | null, status: string, text: string, extra: { epoch?: number | null; step?: number | null; val?: number | null; previousVal?: number | null; reason?: string | null } = {}) =>
      preparedStatement(db, `INSERT INTO ${PROMPT_VERSIONS_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        event.streamId, event.globalPosition, kind, version, status, text, extra.epoch ?? null, extra.step ?? null, extra.val ?? null, extra.previousVal ?? null, extra.reason ?? null);
    switch (event.type) {
      case 'RunStarted': {
        const d = event.data as RunStartedData;
        insert('prompt', 0, 'initial', d.config.initialPrompt);
        const q = d.memory?.optimizerInstructions ? viewStateFromContext(db, ctx, d.memory.fromRunId, d.memory.position).optimizerInstructions.text : d.config.initialOptimizerInstructions;
        insert('optimizer', 0, 'initial', q);
        break;
      }
      case 'RunForked': {
        const d = event.data as RunForkedEventData;
        const parent = viewStateFromContext(db, ctx, d.parentRunId, d.parentPosition);
        insert('prompt', parent.prompt.version, 'inherited', parent.prompt.text);
        insert('optimizer', parent.optimizerInstructions.version, 'inherited', parent.optimizerInstructions.text);
        break;
      }
      case 'PromptAccepted': {
        const d = event.data as PromptAcceptedData;
        insert('prompt', d.version, 'accepted', d.text, { epoch: d.epoch, step: d.step, val: d.candidateVal, previousVal: d.previousVal });
        break;
      }
      case 'PromptRejected': {
        const d = event.data as PromptRejectedData;
        insert('prompt', null, 'rejected', d.candidate, { epoch: d.epoch, step: d.step, val: d.candidateVal, previousVal: d.acceptedVal, reason: 'validation gate' });
        break;
      }
      case 'PromptUpdateFailed': {
        const d = event.data as PromptUpdateFailedData;
        insert('prompt', null, 'failed', d.attempts.at(-1)?.reply ?? '', { epoch: d.epoch, step: d.step, reason: d.reason });
        break;
      }
      case 'OptimizerInstructionsUpdated': {
        const d = event.data as OptimizerInstructionsUpdatedData;
        insert('optimizer', d.version, 'accepted', d.text, { epoch: d.epoch, step: d.step });
        break;
      }
      case 'OptimizerInstructionsRejected': {
        const d = event.data as OptimizerInstructionsRejectedData;
        insert('optimizer', null, 'rejected', d.proposed, { epoch: d.epoch, step: d.step, reason: d.reason });
        break;
      }
    }
  },
  truncate(db) {
    db.exec(`DROP TABLE IF EXISTS ${PROMPT_VERSIONS_TABLE}`);
  },
};
