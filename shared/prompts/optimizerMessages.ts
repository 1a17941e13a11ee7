import type { ChatMessageShape } from './chatMessage';
import type { SolverExchange } from './criticMessages';
import { renderTemplate, type PromptTemplates } from './renderTemplate';
import { TAGS, wrapInTag } from './tags';

/** TextGrad's role description of the variable being optimized. */
export const SYSTEM_PROMPT_ROLE = 'structured system prompt to a somewhat capable language model that specifies the behavior and strategies for the QA task';

/** One exchange as the optimizer sees it; `feedback` is the critique of P for it (null under `critiqueScope: failures`). */
export interface ExchangeForOptimizer extends SolverExchange { feedback: string | null }

/** What the optimizer is told about the last minibatch. */
export interface OptimizerFeedback {
  /** The feedback as one text (CritiqueWritten.feedback): what v1 templates show. */
  text: string;
  /** Per item: input, response and the feedback on P for it (TextGrad's context). */
  exchanges: readonly ExchangeForOptimizer[];
  /** Under `critiqueScope: failures`: the one critique of the batch's failures. */
  batchFeedback?: string;
}

/**
 * TextGrad's context for the optimizer: per exchange, what the model was sent, what it answered,
 * and the feedback on P for that exchange. With a batch critique (failures scope) the exchanges
 * come first and the one critique after them.
 */
export function renderOptimizerContext(feedback: OptimizerFeedback): string {
  const blocks = feedback.exchanges.map((e, i) => [
    `### Exchange ${i + 1}`,
    wrapInTag(TAGS.input, e.input),
    wrapInTag(TAGS.response, e.response),
    ...(e.feedback !== null ? [wrapInTag(TAGS.feedback, e.feedback)] : []),
  ].join('\n'));
  if (feedback.batchFeedback !== undefined) {
    blocks.push(`### Feedback on the system prompt from the exchanges above\n${wrapInTag(TAGS.feedback, feedback.batchFeedback)}`);
  }
  return blocks.length > 0 ? blocks.join('\n\n') : wrapInTag(TAGS.feedback, feedback.text);
}

/**
 * The update request: Q as the system message; P, its role and the context in the user message.
 * A retry continues the conversation with the unusable reply and a short nudge naming what was wrong.
 */
export function buildOptimizerMessages(
  templates: PromptTemplates,
  optimizerInstructions: string,
  prompt: string,
  feedback: OptimizerFeedback,
  previousAttempts: readonly { reply: string; reason: string }[] = [],
): ChatMessageShape[] {
  // Only templates that show the context pay for rendering it (v1 shows the joined feedback).
  const context = templates['optimizer-user'].includes('{{context}}') ? renderOptimizerContext(feedback) : '';
  const messages: ChatMessageShape[] = [
    { role: 'system', content: optimizerInstructions },
    { role: 'user', content: renderTemplate(templates['optimizer-user'], { variableRole: SYSTEM_PROMPT_ROLE, prompt, feedback: feedback.text, context }) },
  ];
  for (const attempt of previousAttempts) {
    messages.push({ role: 'assistant', content: attempt.reply === '' ? '(empty reply)' : attempt.reply });
    messages.push({ role: 'user', content: renderTemplate(templates['optimizer-retry'], { reason: attempt.reason }) });
  }
  return messages;
}
