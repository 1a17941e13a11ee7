import type { LoggedCall, NewRunEvent, UpdateAttempt } from '../../../../shared/events/run/runEventTypes';
import { buildOptimizerMessages } from '../../../../shared/prompts/optimizerMessages';
import { parseImprovedPrompt } from '../../../../shared/prompts/replyParsers';
import { clipEvent } from '../context/clipEvent';
import { clipMiddle } from '../context/clipMiddle';
import { fitItems } from '../context/fitItems';
import { promptBudget } from '../context/promptBudget';
import type { PhaseContext } from '../phaseContext';

/**
 * Step 4, the update: the optimizer (system prompt Q) returns the new P in <IMPROVED_VARIABLE>.
 * A hopeless reply is retried (maxUpdateRetries times, the conversation showing what was wrong);
 * after that P is kept and the reason recorded. Without the validation gate an accepted candidate
 * becomes the next prompt version in the same batch.
 */
export async function updatePhase(ctx: PhaseContext, epoch: number, step: number): Promise<NewRunEvent[]> {
  const { prompt, optimizerInstructions } = ctx.state;
  const feedback = ctx.state.lastFeedback ?? '';
  const attempts: UpdateAttempt[] = [];
  const failed: { reply: string; reason: string }[] = [];
  const calls: LoggedCall[] = [];
  const budget = promptBudget(ctx.state, ctx.config, 'optimizer');
  const condensed: NewRunEvent[] = [];
  for (let attempt = 0; attempt <= ctx.config.maxUpdateRetries; attempt++) {
    // The feedback and any earlier unusable replies are the texts that grow: they are cut to fit.
    const fit = fitItems({
      items: [feedback, ...failed.map((f) => f.reply)], budget, longest: (t) => t.length, clip: clipMiddle,
      build: ([fb, ...replies]) => buildOptimizerMessages(ctx.templates, optimizerInstructions.text, prompt.text, fb ?? '', failed.slice(0, replies.length).map((f, i) => ({ ...f, reply: replies[i]! }))),
    });
    condensed.push(...clipEvent(fit, { epoch, step, role: 'optimizer', part: 'optimizer-feedback', budgetTokens: budget }));
    const messages = fit.messages;
    const reply = await ctx.chat('optimizer', messages, { sampleIndex: attempt });
    const parsed = parseImprovedPrompt(reply.text);
    const reason = parsed.ok ? null : parsed.reason;
    attempts.push({ reply: reply.text, ok: reason === null, ...(reason ? { reason } : {}) });
    calls.push(reply.call);
    if (parsed.ok && parsed.text.trim() === prompt.text.trim()) {
      // A usable answer that changes nothing: not worth a retry, and not a new version.
      return [...condensed, { type: 'PromptUpdateFailed', data: { epoch, step, reason: 'the optimizer returned the prompt unchanged; P kept', attempts, calls } }];
    }
    if (parsed.ok && reason === null) {
      const events: NewRunEvent[] = [...condensed, { type: 'PromptCandidateProposed', data: { epoch, step, candidate: parsed.text, attempts, calls } }];
      if (!ctx.config.validationGate) {
        events.push({ type: 'PromptAccepted', data: {
          epoch, step, version: prompt.version + 1, text: parsed.text, gated: false, candidateVal: null, previousVal: null,
        } });
      }
      return events;
    }
    failed.push({ reply: reply.text, reason: reason! });
  }
  return [...condensed, { type: 'PromptUpdateFailed', data: {
    epoch, step, reason: `no usable prompt after ${attempts.length} attempt(s): ${failed.at(-1)?.reason ?? 'unknown'}; P kept`, attempts, calls,
  } }];
}
