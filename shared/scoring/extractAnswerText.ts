import { stripThinking } from '../prompts/stripThinking';

/** Matches an answer label: "Answer:", "**Answer**:", "Final answer:", full-width colon. */
const ANSWER_LABEL = /\banswer\s*\**\s*[:\uff1a]/gi;

export interface AnswerText {
  /** The text after the last "Answer:" label (up to the end of its first non-empty line), or null. */
  answerLine: string | null;
  /** The response with thinking removed (shared/prompts/stripThinking), trimmed. */
  visible: string;
}

/**
 * Finds what the model declared as its answer: the text after the LAST "Answer:" label, up to the
 * end of the first non-empty line after it (so "Answer:\n42" works and trailing chatter on later
 * lines is ignored). Thinking blocks are removed first so reasoning can never be the answer.
 */
export function extractAnswerText(response: string): AnswerText {
  const visible = stripThinking(response).text;
  let lastEnd = -1;
  for (const m of visible.matchAll(ANSWER_LABEL)) lastEnd = m.index + m[0].length;
  if (lastEnd < 0) return { answerLine: null, visible };
  const rest = visible.slice(lastEnd);
  const line = rest.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return { answerLine: line.trim(), visible };
}
