import type { NewRunEvent } from '../../../../shared/events/run/runEventTypes';
import { buildFailureCritiqueMessages, buildPromptCritiqueMessages, buildResponseCritiqueMessages, type FailureForCritic, type SolverExchange } from '../../../../shared/prompts/criticMessages';
import { solverInput } from '../../../../shared/prompts/solverMessages';
import { boundedMap } from '../boundedMap';
import { clipEvent } from '../context/clipEvent';
import { clipMiddle } from '../context/clipMiddle';
import { fitItems } from '../context/fitItems';
import { promptBudget } from '../context/promptBudget';
import { itemOf, type PhaseContext } from '../phaseContext';

/** Long texts of a failure (question, response, lessons shown) cut to `max` characters each. */
function clipFailure(f: FailureForCritic, max: number): FailureForCritic {
  return { ...f, question: clipMiddle(f.question, max), response: clipMiddle(f.response, max), lessons: f.lessons.map((l) => clipMiddle(l, max)) };
}
const longestOfFailure = (f: FailureForCritic) => Math.max(f.question.length, f.response.length, ...f.lessons.map((l) => l.length));

/** The second call's growing texts: the exchange (input, response) and the first feedback. */
interface PromptCritiqueItem extends SolverExchange { feedback: string }
const clipPromptCritique = (i: PromptCritiqueItem, max: number): PromptCritiqueItem =>
  ({ input: clipMiddle(i.input, max), response: clipMiddle(i.response, max), feedback: clipMiddle(i.feedback, max) });

/**
 * Step 3, the textual gradient. Scope 'all' (TextGrad's, the default for every method): for every
 * item, right or wrong, feedback on the response given the question and the gold, then feedback on
 * P given the whole exchange (P, what the solver was sent — retrieved lessons included — its
 * response, and the first feedback): two calls per item. Scope 'failures' (a cheaper REMO-side
 * option): one critic call over the minibatch's wrong answers, skipped when there are none.
 * Every request is fitted to the critic's context window (fitItems); a cut is recorded.
 */
export async function critiquePhase(ctx: PhaseContext, epoch: number, step: number): Promise<NewRunEvent[]> {
  const train = ctx.state.lastTrain;
  const prompt = ctx.state.prompt.text;
  const budget = promptBudget(ctx.state, ctx.config, 'critic');
  const where = (part: string) => ({ epoch, step, role: 'critic', part, budgetTokens: budget });
  if (ctx.config.critiqueScope === 'failures') {
    const failures = train.filter((a) => !a.correct);
    if (failures.length === 0) return [{ type: 'CritiqueSkipped', data: { epoch, step, reason: 'every answer of the minibatch was correct' } }];
    const items = failures.map((f): FailureForCritic => {
      const item = itemOf(ctx, f.itemId);
      // The lessons as the solver saw them (the fold keeps them from the forward pass).
      return { question: item.question, gold: item.answer, predicted: f.predicted, response: f.response, lessons: (f.lessons ?? []).map((l) => l.lesson) };
    });
    const fit = fitItems({
      items, budget, clip: clipFailure, longest: longestOfFailure,
      build: (kept) => buildFailureCritiqueMessages(ctx.templates, prompt, kept, train.length),
    });
    const reply = await ctx.chat('critic', fit.messages);
    return [...clipEvent(fit, where('critic-failures')), { type: 'CritiqueWritten', data: { epoch, step, scope: 'failures', feedback: reply.text, calls: [reply.call] } }];
  }
  const format = ctx.config.lessonFormat ?? 'excerpt';
  const perItem = await boundedMap(train, ctx.config.parallelism, async (answer) => {
    const item = itemOf(ctx, answer.itemId);
    const firstFit = fitItems({
      items: [{ question: item.question, gold: item.answer, predicted: answer.predicted, response: answer.response, correct: answer.correct }],
      budget, longest: (i) => Math.max(i.question.length, i.response.length),
      clip: (i, max) => ({ ...i, question: clipMiddle(i.question, max), response: clipMiddle(i.response, max) }),
      build: (kept) => buildResponseCritiqueMessages(ctx.templates, kept[0]!),
    });
    const first = await ctx.chat('critic', firstFit.messages);
    const exchange: PromptCritiqueItem = { input: solverInput(ctx.templates, item.question, answer.lessons ?? [], format), response: answer.response, feedback: first.text };
    const secondFit = fitItems({
      items: [exchange], budget, longest: (i) => Math.max(i.input.length, i.response.length, i.feedback.length), clip: clipPromptCritique,
      build: (kept) => buildPromptCritiqueMessages(ctx.templates, prompt, kept[0]!, kept[0]!.feedback),
    });
    const second = await ctx.chat('critic', secondFit.messages);
    return {
      itemId: answer.itemId, responseFeedback: first.text, promptFeedback: second.text, calls: [first.call, second.call],
      condensed: [...clipEvent(firstFit, where('critic-response')), ...clipEvent(secondFit, where('critic-prompt'))],
    };
  });
  const feedback = perItem.map((p, i) => `Feedback from example ${i + 1}:\n${p.promptFeedback}`).join('\n\n');
  return [...perItem.flatMap((p) => p.condensed), { type: 'CritiqueWritten', data: {
    epoch, step, scope: 'all', feedback,
    perItem: perItem.map(({ calls: _c, condensed: _k, ...rest }) => rest), calls: perItem.flatMap((p) => p.calls),
  } }];
}
