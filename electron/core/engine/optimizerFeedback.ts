import type { OptimizerFeedback } from '../../../shared/prompts/optimizerMessages';
import { solverInput } from '../../../shared/prompts/solverMessages';
import { itemOf, type PhaseContext } from './phaseContext';

/**
 * TextGrad's context for the optimizer: per item of the minibatch, what the solver was sent, its
 * full response and the critique of P for it. Under `critiqueScope: failures` the wrong answers'
 * exchanges and the one batch critique.
 */
export function optimizerFeedback(ctx: PhaseContext): OptimizerFeedback {
  const text = ctx.state.lastFeedback ?? '';
  const format = ctx.config.lessonFormat ?? 'excerpt';
  const exchangeOf = (answer: (typeof ctx.state.lastTrain)[number]) =>
    ({ input: solverInput(ctx.templates, itemOf(ctx, answer.itemId).question, answer.lessons ?? [], format), response: answer.response });
  const perItem = ctx.state.lastCritique;
  if (perItem) {
    const byItem = new Map(ctx.state.lastTrain.map((a) => [a.itemId, a]));
    return { text, exchanges: perItem.flatMap((p) => { const a = byItem.get(p.itemId); return a ? [{ ...exchangeOf(a), feedback: p.promptFeedback }] : []; }) };
  }
  return { text, exchanges: ctx.state.lastTrain.filter((a) => !a.correct).map((a) => ({ ...exchangeOf(a), feedback: null })), batchFeedback: text };
}
