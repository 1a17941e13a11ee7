import type { LoggedCall, NewRunEvent, UpdateAttempt } from '../../../../shared/events/run/runEventTypes';
import { buildOptimizerMessages } from '../../../../shared/prompts/optimizerMessages';
import { parseImprovedPrompt } from '../../../../shared/prompts/replyParsers';
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
  for (let attempt = 0; attempt <= ctx.config.maxUpdateRetries; attempt++) {
    const messages = buildOptimizerMessages(ctx.templates, optimizerInstructions.text, prompt.text, feedback, failed);
    const reply = await ctx.chat('optimizer', messages, { sampleIndex: attempt });
    const parsed = parseImprovedPrompt(reply.text);
    const reason = parsed.ok ? null : parsed.reason;
    attempts.push({ reply: reply.text, ok: reason === null, ...(reason ? { reason } : {}) });
    calls.push(reply.call);
    if (parsed.ok && parsed.text.trim() === prompt.text.trim()) {
      // A usable answer that changes nothing: not worth a retry, and not a new version.
      return [{ type: 'PromptUpdateFailed', data: { epoch, step, reason: 'the optimizer returned the prompt unchanged; P kept', attempts, calls } }];
    }
    if (parsed.ok && reason === null) {
      const events: NewRunEvent[] = [{ type: 'PromptCandidateProposed', data: { epoch, step, candidate: parsed.text, attempts, calls } }];
      if (!ctx.config.validationGate) {
        events.push({ type: 'PromptAccepted', data: {
          epoch, step, version: prompt.version + 1, text: parsed.text, gated: false, candidateVal: null, previousVal: null,
        } });
      }
      return events;
    }
    failed.push({ reply: reply.text, reason: reason! });
  }
  return [{ type: 'PromptUpdateFailed', data: {
    epoch, step, reason: `no usable prompt after ${attempts.length} attempt(s): ${failed.at(-1)?.reason ?? 'unknown'}; P kept`, attempts, calls,
  } }];
}
