import { usesNotebook } from '../../../shared/config/resolveRunConfig';
import type { NewRunEvent } from '../../../shared/events/run/runEventTypes';
import type { Phase } from './decideNextPhase';
import type { PhaseContext } from './phaseContext';
import { critiquePhase } from './phases/critiquePhase';
import { evaluatePhase, evaluationOutcome, planEvaluation, type EvaluationArgs } from './phases/evaluatePhase';
import { forwardPhase } from './phases/forwardPhase';
import { gatePhase } from './phases/gatePhase';
import { metaPhase } from './phases/metaPhase';
import { modelFactsPhase } from './phases/modelFactsPhase';
import { notebookPhase } from './phases/notebookPhase';
import { reflectPhase } from './phases/reflectPhase';
import { updatePhase } from './phases/updatePhase';
import { validationPhase } from './phases/validationPhase';
import { sendSolve } from './solveItems';

/** What executeRun adds to a phase for the measurements it runs in the background. */
export interface PhaseExtras {
  /** The seed test's evaluation (the seed's prompt and notebook, wherever the run stands now): measurementArgs.ts. */
  seedTest?: EvaluationArgs;
  /**
   * Called once the final test's requests are on their way (so they are ahead in the pool), with
   * their keys: the prompt-only test starts beside it and leaves those requests to it.
   */
  onTestStarted?: (keys: ReadonlySet<string>) => void;
}

/** Executes one phase and returns its events (nothing is appended here). */
export async function runPhase(ctx: PhaseContext, phase: Phase, extras: PhaseExtras = {}): Promise<NewRunEvent[]> {
  const s = ctx.state;
  const notebook = usesNotebook(ctx.config.method);
  switch (phase.kind) {
    case 'model-facts': return modelFactsPhase(ctx);
    case 'seed-val':
      return validationPhase(ctx, { label: 'seed-val', withNotebook: notebook, epoch: 0, step: 0 });
    case 'seed-test':
      return (await evaluatePhase(ctx, extras.seedTest ?? { label: 'seed-test', split: 'test', prompt: s.prompt, withNotebook: notebook, epoch: 0, step: 0 })).events;
    case 'close-epoch':
      return [{ type: 'EpochCompleted', data: {
        epoch: phase.epoch, val: phase.epoch === 0 ? s.accuracies.seedVal : s.accuracies.val,
        ...(notebook ? { valPromptOnly: s.accuracies.valPromptOnly } : {}),
        promptVersion: s.prompt.version, optimizerVersion: s.optimizerInstructions.version, notebookSize: s.notebook.size,
      } }];
    case 'forward': return forwardPhase(ctx, phase.epoch, phase.step);
    case 'notebook': return notebookPhase(ctx, phase.epoch, phase.step);
    case 'critique': return critiquePhase(ctx, phase.epoch, phase.step);
    case 'update':
      // A skipped critique leaves no feedback; the fold moves the cursor past the update then, so
      // this only runs with feedback.
      return updatePhase(ctx, phase.epoch, phase.step);
    case 'gate': return gatePhase(ctx, phase.epoch, phase.step);
    case 'reflect': return reflectPhase(ctx, phase.epoch, phase.step);
    case 'meta': return metaPhase(ctx, phase.epoch, phase.step);
    case 'close-step': return [{ type: 'StepCompleted', data: { epoch: phase.epoch, step: phase.step } }];
    case 'epoch-val':
      return validationPhase(ctx, { label: 'epoch-val', withNotebook: notebook, epoch: phase.epoch, step: s.cursor.step });
    case 'test': {
      const planned = await planEvaluation(ctx, { label: 'test', split: 'test', prompt: s.prompt, withNotebook: notebook, epoch: s.cursor.epoch, step: 0 });
      const sending = sendSolve(ctx, planned.plan);
      extras.onTestStarted?.(new Set(planned.plan.requests.map((r) => r.key)));
      return evaluationOutcome(ctx, planned, await sending).events;
    }
    case 'test-prompt-only':
      return (await evaluatePhase(ctx, { label: 'test-prompt-only', split: 'test', prompt: s.prompt, withNotebook: false, epoch: s.cursor.epoch, step: 0 })).events;
    case 'finish':
      return [{ type: 'RunCompleted', data: {
        val: s.accuracies.val, test: s.accuracies.test, testPromptOnly: notebook ? s.accuracies.testPromptOnly : s.accuracies.test,
      } }];
  }
}
