import type { ChatMessageShape } from './chatMessage';
import { renderTemplate, type PromptTemplates } from './renderTemplate';

/** TextGrad's role description of the variable being optimized. */
export const SYSTEM_PROMPT_ROLE = 'structured system prompt to a somewhat capable language model that specifies the behavior and strategies for the QA task';

/**
 * The update request: Q as the system message, P and the feedback in the user message. A retry
 * continues the conversation with the unusable reply and a short nudge naming what was wrong.
 */
export function buildOptimizerMessages(
  templates: PromptTemplates,
  optimizerInstructions: string,
  prompt: string,
  feedback: string,
  previousAttempts: readonly { reply: string; reason: string }[] = [],
): ChatMessageShape[] {
  const messages: ChatMessageShape[] = [
    { role: 'system', content: optimizerInstructions },
    { role: 'user', content: renderTemplate(templates['optimizer-user'], { variableRole: SYSTEM_PROMPT_ROLE, prompt, feedback }) },
  ];
  for (const attempt of previousAttempts) {
    messages.push({ role: 'assistant', content: attempt.reply === '' ? '(empty reply)' : attempt.reply });
    messages.push({ role: 'user', content: renderTemplate(templates['optimizer-retry'], { reason: attempt.reason }) });
  }
  return messages;
}
