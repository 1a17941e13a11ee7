import type { ChatMessageShape } from './chatMessage';
import { renderTemplate, type PromptTemplates } from './renderTemplate';

export interface CondenseInput {
  epoch: number;
  /** What the units are, e.g. 'steps'. */
  what: string;
  from: number;
  to: number;
  /** 1 = digest of raw units; 2+ = digest of digests. */
  level: number;
  content: string;
  maxWords: number;
}

/** One summary call of a hierarchical condensation: a stretch of units in, a short digest out. */
export function buildCondenseMessages(templates: PromptTemplates, input: CondenseInput): ChatMessageShape[] {
  return [
    { role: 'system', content: templates['condense-system'] },
    { role: 'user', content: renderTemplate(templates['condense-user'], {
      epoch: input.epoch, what: input.what, from: input.from, to: input.to,
      level: input.level === 1 ? 'the log itself' : `digests of digests, level ${input.level}`,
      content: input.content, maxWords: input.maxWords,
    }) },
  ];
}
