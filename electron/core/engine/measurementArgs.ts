import { usesNotebook } from '../../../shared/config/resolveRunConfig';
import type { RunState } from '../../../shared/fold/runState';
import { loadRunState, type StreamReader } from './loadRunState';
import type { EvaluationArgs } from './phases/evaluatePhase';

/**
 * The seed test: the seed prompt on the test split, with the notebook as it was at the seed, so
 * it asks the same requests wherever the run stands when it is (re)launched. Right after seed-val
 * (nothing accepted, nothing written to the notebook since) that is the current state; after a
 * resume or in a fork the state at the seed-val evaluation is folded from the log.
 */
export function seedTestArgs(state: RunState, read: StreamReader): EvaluationArgs {
  const seed = state.prompt.version === 0 && state.notebookRevision === 0 ? state : stateAtSeedVal(read, state.runId);
  return {
    label: 'seed-test', split: 'test', prompt: { ...seed.prompt }, withNotebook: usesNotebook(state.config!.method), epoch: 0, step: 0,
    ...(seed !== state ? { lessonsFrom: seed } : {}),
  };
}

/** The prompt-only test of a notebook method: P without lessons; requests identical to the final test's are left to it. */
export function testPromptOnlyArgs(state: RunState, loggedByTest?: ReadonlySet<string>): EvaluationArgs {
  return {
    label: 'test-prompt-only', split: 'test', prompt: { ...state.prompt }, withNotebook: false, epoch: state.cursor.epoch, step: 0,
    ...(loggedByTest ? { loggedByOthers: loggedByTest } : {}),
  };
}

function stateAtSeedVal(read: StreamReader, runId: string): RunState {
  const seedVal = read(runId).find((e) => e.type === 'EvaluationCompleted' && (e.data as { label?: unknown }).label === 'seed-val');
  if (!seedVal) throw new Error(`run ${runId} owes a seed test but its log has no seed validation`);
  return loadRunState(read, runId, { toPosition: seedVal.globalPosition, trackAnswers: false });
}
