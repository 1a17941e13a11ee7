import type { LoggedCall, NewRunEvent, UpdateAttempt } from '../../../../shared/events/run/runEventTypes';
import { buildOptimizerMessages, type ExchangeForOptimizer, type OptimizerFeedback } from '../../../../shared/prompts/optimizerMessages';
import { parseImprovedPrompt } from '../../../../shared/prompts/replyParsers';
import { clipEvent } from '../context/clipEvent';
import { clipMiddle } from '../context/clipMiddle';
import { fitItems } from '../context/fitItems';
import { promptBudget } from '../context/promptBudget';
import { optimizerFeedback } from '../optimizerFeedback';
import type { PhaseContext } from '../phaseContext';

/**
 * What may be cut to fit the optimizer's window: each exchange (input, response, feedback) and
 * each earlier unusable reply. Exchanges come first, so when items must be dropped, the latest
 * replies go before any exchange.
 */
type UpdatePart = { exchange: ExchangeForOptimizer } | { reply: string } | { text: string };
const partLength = (p: UpdatePart) => ('exchange' in p ? Math.max(p.exchange.input.length, p.exchange.response.length, p.exchange.feedback?.length ?? 0)
  : 'reply' in p ? p.reply.length : p.text.length);
const clipPart = (p: UpdatePart, max: number): UpdatePart => ('exchange' in p
  ? { exchange: { input: clipMiddle(p.exchange.input, max), response: clipMiddle(p.exchange.response, max), feedback: p.exchange.feedback === null ? null : clipMiddle(p.exchange.feedback, max) } }
  : 'reply' in p ? { reply: clipMiddle(p.reply, max) } : { text: clipMiddle(p.text, max) });

/**
 * Step 4, the update: the optimizer (system prompt Q) returns the new P in <IMPROVED_VARIABLE>.
 * A hopeless reply is retried (maxUpdateRetries times, the conversation showing what was wrong);
 * after that P is kept and the reason recorded. Without the validation gate an accepted candidate
 * becomes the next prompt version in the same batch.
 */
export async function updatePhase(ctx: PhaseContext, epoch: number, step: number): Promise<NewRunEvent[]> {
  const { prompt, optimizerInstructions } = ctx.state;
  const feedback = optimizerFeedback(ctx);
  const attempts: UpdateAttempt[] = [];
  const failed: { reply: string; reason: string }[] = [];
  const calls: LoggedCall[] = [];
  const budget = promptBudget(ctx.state, ctx.config, 'optimizer');
  const condensed: NewRunEvent[] = [];
  for (let attempt = 0; attempt <= ctx.config.maxUpdateRetries; attempt++) {
    // The joined feedback (v1 templates), the exchanges and any earlier unusable replies are the
    // texts that grow: they are cut to fit.
    const parts: UpdatePart[] = [{ text: feedback.text }, ...feedback.exchanges.map((exchange) => ({ exchange })), ...failed.map((f) => ({ reply: f.reply }))];
    const fit = fitItems({
      items: parts, budget, longest: partLength, clip: clipPart,
      build: (kept) => {
        const text = kept.flatMap((p) => ('text' in p ? [p.text] : []))[0] ?? '';
        const exchanges = kept.flatMap((p) => ('exchange' in p ? [p.exchange] : []));
        const replies = kept.flatMap((p) => ('reply' in p ? [p.reply] : []));
        const fitted: OptimizerFeedback = { ...feedback, text, exchanges, ...(feedback.batchFeedback !== undefined ? { batchFeedback: clipMiddle(feedback.batchFeedback, Math.max(text.length, 1)) } : {}) };
        return buildOptimizerMessages(ctx.templates, optimizerInstructions.text, prompt.text, fitted, failed.slice(0, replies.length).map((f, i) => ({ ...f, reply: replies[i]! })));
      },
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
