import type { NewRunEvent } from '../../../../shared/events/run/runEventTypes';
import { buildFailureCritiqueMessages, buildPromptCritiqueMessages, buildResponseCritiqueMessages } from '../../../../shared/prompts/criticMessages';
import { boundedMap } from '../boundedMap';
import { itemOf, type PhaseContext } from '../phaseContext';

/**
 * Step 3, the textual gradient. Scope 'failures' (REMO): one critic call over the minibatch's
 * wrong answers, skipped when there are none. Scope 'all' (TextGrad): for every item, feedback on
 * the response, then feedback on P from it: two calls per item, correct answers included.
 */
export async function critiquePhase(ctx: PhaseContext, epoch: number, step: number): Promise<NewRunEvent[]> {
  const train = ctx.state.lastTrain;
  const prompt = ctx.state.prompt.text;
  if (ctx.config.critiqueScope === 'failures') {
    const failures = train.filter((a) => !a.correct);
    if (failures.length === 0) return [{ type: 'CritiqueSkipped', data: { epoch, step, reason: 'every answer of the minibatch was correct' } }];
    const reply = await ctx.chat('critic', buildFailureCritiqueMessages(ctx.templates, prompt, failures.map((f) => {
      const item = itemOf(ctx, f.itemId);
      return {
        question: item.question, gold: item.answer, predicted: f.predicted, response: f.response,
        lessons: f.retrieved.flatMap((r) => { const e = ctx.state.notebook.get(r.entryId); return e ? [e.lesson] : []; }),
      };
    }), train.length));
    return [{ type: 'CritiqueWritten', data: { epoch, step, scope: 'failures', feedback: reply.text, calls: [reply.call] } }];
  }
  const perItem = await boundedMap(train, ctx.config.parallelism, async (answer) => {
    const item = itemOf(ctx, answer.itemId);
    const first = await ctx.chat('critic', buildResponseCritiqueMessages(ctx.templates, {
      question: item.question, gold: item.answer, predicted: answer.predicted, response: answer.response, correct: answer.correct,
    }));
    const second = await ctx.chat('critic', buildPromptCritiqueMessages(ctx.templates, prompt, first.text));
    return { itemId: answer.itemId, responseFeedback: first.text, promptFeedback: second.text, calls: [first.call, second.call] };
  });
  const feedback = perItem.map((p, i) => `Feedback from example ${i + 1}:\n${p.promptFeedback}`).join('\n\n');
  return [{ type: 'CritiqueWritten', data: {
    epoch, step, scope: 'all', feedback,
    perItem: perItem.map(({ calls: _c, ...rest }) => rest), calls: perItem.flatMap((p) => p.calls),
  } }];
}
