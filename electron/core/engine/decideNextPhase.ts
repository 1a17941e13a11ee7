import { adaptsOptimizer, usesNotebook } from '../../../shared/config/resolveRunConfig';
import type { RunState } from '../../../shared/fold/runState';
import { needsModelFacts } from './phases/modelFactsPhase';
import { stepsInEpoch } from './schedule';

/** One unit of work between two safe points; its events are appended in one batch. */
export type Phase =
  | { kind: 'model-facts' }
  | { kind: 'seed-val' } | { kind: 'seed-test' }
  | { kind: 'close-epoch'; epoch: number }
  | { kind: 'forward'; epoch: number; step: number }
  | { kind: 'notebook'; epoch: number; step: number }
  | { kind: 'critique'; epoch: number; step: number }
  | { kind: 'update'; epoch: number; step: number }
  | { kind: 'gate'; epoch: number; step: number }
  | { kind: 'reflect'; epoch: number; step: number | null }
  | { kind: 'meta'; epoch: number; step: number | null }
  | { kind: 'close-step'; epoch: number; step: number }
  | { kind: 'epoch-val'; epoch: number }
  | { kind: 'test' } | { kind: 'test-prompt-only' } | { kind: 'finish' };

export function describePhase(phase: Phase): string {
  const at = 'epoch' in phase ? ` e${phase.epoch}${'step' in phase && phase.step !== null ? ` s${phase.step}` : ''}` : '';
  return `${phase.kind}${at}`;
}

/**
 * The seed's test score is owed: the seed was validated (`seed-val`) and its test score is not in
 * the log yet. It is measured in the background (executeRun) and lands at a fixed point.
 */
export function seedTestPending(state: RunState): boolean {
  return state.config?.measureSeed === true && state.accuracies.seedVal !== null && state.accuracies.seedTest === null;
}

/**
 * Where an owed seed test is appended: right before the phase that closes epoch 1 (or, in a run
 * that has no epoch 1 to close any more, e.g. a fork of a finished run, before the final test).
 * A fixed point of the schedule, so the log's order never depends on when the measurement finished.
 */
function landsSeedTest(next: Phase): boolean {
  return (next.kind === 'close-epoch' && next.epoch >= 1) || next.kind === 'test' || next.kind === 'test-prompt-only' || next.kind === 'finish';
}

/**
 * decide: the next phase from the folded state alone (the last completed stage and the config).
 * null when the run has nothing left to do. Pure, so a resumed run picks exactly the phase an
 * uninterrupted run would have run next.
 */
export function decideNextPhase(state: RunState): Phase | null {
  const next = scheduledPhase(state);
  return next !== null && seedTestPending(state) && landsSeedTest(next) ? { kind: 'seed-test' } : next;
}

/** The schedule's next phase, before an owed seed test is slotted in. */
function scheduledPhase(state: RunState): Phase | null {
  const config = state.config;
  if (!config || state.status === 'completed' || state.status === 'stopped') return null;
  const notebook = usesNotebook(config.method);
  const adaptive = adaptsOptimizer(config.method);
  const { epoch, step, stage } = state.cursor;
  // Context windows and the embedder's size come first: every prompt budget depends on them.
  if (stage !== 'none' && stage !== 'done' && needsModelFacts(state, config)) return { kind: 'model-facts' };
  const afterUpdate = (): Phase =>
    adaptive && config.qCadence === 'minibatch' ? { kind: 'reflect', epoch, step } : { kind: 'close-step', epoch, step };
  switch (stage) {
    case 'none': return null;
    case 'begin': return config.measureSeed ? { kind: 'seed-val' } : { kind: 'close-epoch', epoch: 0 };
    // The seed's test score runs in the background from here and lands before close-epoch 1.
    case 'seed-val': return { kind: 'close-epoch', epoch: 0 };
    // Logs written before that: the seed test right after seed-val.
    case 'seed-test': return { kind: 'close-epoch', epoch: 0 };
    case 'epoch-done': return epoch < config.epochs ? { kind: 'forward', epoch: epoch + 1, step: 1 } : { kind: 'test' };
    case 'forward': return notebook ? { kind: 'notebook', epoch, step } : { kind: 'critique', epoch, step };
    case 'notebook': return { kind: 'critique', epoch, step };
    case 'critique': return { kind: 'update', epoch, step };
    case 'update': return state.candidate !== null && config.validationGate ? { kind: 'gate', epoch, step } : afterUpdate();
    case 'gate': return afterUpdate();
    case 'step-reflect': return { kind: 'meta', epoch, step };
    case 'step-meta': return { kind: 'close-step', epoch, step };
    case 'step-done':
      return step < stepsInEpoch(config, state.split.train.length) ? { kind: 'forward', epoch, step: step + 1 } : { kind: 'epoch-val', epoch };
    case 'epoch-val': return adaptive && config.qCadence === 'epoch' ? { kind: 'reflect', epoch, step: null } : { kind: 'close-epoch', epoch };
    case 'reflect': return { kind: 'meta', epoch, step: null };
    case 'meta': return { kind: 'close-epoch', epoch };
    case 'test': return notebook ? { kind: 'test-prompt-only' } : { kind: 'finish' };
    case 'test-prompt-only': return { kind: 'finish' };
    case 'done': return null;
  }
}
