import { TAGS } from '../../../../shared/prompts/tags';
import type { Gsm8kIndex } from './gsm8kIndex';
import { requestedOutputTag } from './requestedOutputTag';

/** A request asking to make a text better (TextGrad's optimizer, ours, anyone's). */
const ASKS_TO_IMPROVE = /\b(improv\w*|revis\w*|refin\w*|optimi[sz]\w*|rewrit\w*)\b/i;

/** A request asking for criticism rather than an answer (TextGrad's backward pass, ours). */
const ASKS_FOR_FEEDBACK = /\b(feedback|criticism|critique|critici[sz]e)\b/i;

/**
 * The role of a request that came without the X-Remo-Role header (another tool, or curl), from
 * what it contains: our tags first, then the generic shapes other tools use. Order matters: an
 * optimizer or critic request also quotes questions, so those are recognised before the solver.
 */
export function inferRole(system: string, user: string, index: Gsm8kIndex): string {
  const text = `${system}\n${user}`;
  if (text.includes(`<${TAGS.currentInstructions}>`)) return 'metaController';
  if (text.includes(`<${TAGS.feedback}>`) && text.includes(`<${TAGS.currentPrompt}>`)) return 'optimizer';
  if (ASKS_TO_IMPROVE.test(text) && requestedOutputTag(text) !== undefined) return 'optimizer';
  if (user.includes(`<${TAGS.question}>`) || user.includes(`<${TAGS.lessons}>`)) return 'solver';
  const questions = index.findAll(user);
  if (questions.length === 0) return 'unknown';
  // Criticism is asked for in the instructions around the question, never in the question itself.
  let instructions = text;
  for (const item of questions) instructions = instructions.split(item.question).join(' ');
  if (ASKS_FOR_FEEDBACK.test(instructions)) return 'critic';
  return 'solver';
}
