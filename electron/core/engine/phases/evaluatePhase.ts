import type { EvaluationLabel, NewRunEvent } from '../../../../shared/events/run/runEventTypes';
import type { LoggedAnswer } from '../../../../shared/fold/runState';
import type { PhaseContext } from '../phaseContext';
import { solveItems } from '../solveItems';

/** Scores `prompt` on a split; returns its SolverAnswered events and one EvaluationCompleted. */
export async function evaluatePhase(
  ctx: PhaseContext,
  args: {
    label: EvaluationLabel; split: 'val' | 'test'; prompt: { version: number; text: string }; withNotebook: boolean; epoch: number; step: number;
    /** Answers an earlier evaluation of the same phase produced (not yet in the folded state). */
    known?: ReadonlyMap<string, LoggedAnswer>;
  },
): Promise<{ events: NewRunEvent[]; accuracy: number; answers: ReadonlyMap<string, LoggedAnswer> }> {
  const ids = ctx.state.split[args.split];
  const result = await solveItems(ctx, ids, args.prompt.text, { withNotebook: args.withNotebook, purpose: 'eval', ...(args.known ? { known: args.known } : {}) });
  const correct = result.answers.filter((a) => a.correct).length;
  const accuracy = ids.length === 0 ? 0 : correct / ids.length;
  return {
    accuracy,
    answers: new Map(result.answers.map((a) => [a.requestKey, { response: a.response, predicted: a.predicted, correct: a.correct }])),
    events: [...result.events, { type: 'EvaluationCompleted', data: {
      label: args.label, epoch: args.epoch, step: args.step, split: args.split, promptVersion: args.prompt.version,
      withNotebook: args.withNotebook, correct, total: ids.length, accuracy,
      items: result.answers.map((a) => ({ itemId: a.itemId, correct: a.correct, reused: a.reused })), calls: result.calls,
    } }],
  };
}
