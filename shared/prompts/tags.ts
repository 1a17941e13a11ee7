/**
 * The tag contract between the engine's prompts, the reply parsers and the simulator.
 * Real models only see these as structure in the prompt; the parsers and the simulator rely on them.
 * Changing a name here changes the contract for all three: keep them in one place.
 */
export const TAGS = {
  /** Optimizer reply: the improved system prompt P (TextGrad's own tag name). */
  improvedPrompt: 'IMPROVED_VARIABLE',
  /** Meta-controller reply: the rewritten optimizer instructions Q. */
  optimizerInstructions: 'OPTIMIZER_INSTRUCTIONS',
  /** In requests: the prompt under optimization. */
  currentPrompt: 'CURRENT_PROMPT',
  /** In optimizer requests: the critic's feedback on P. */
  feedback: 'FEEDBACK',
  /** In solver requests: retrieved lessons from past mistakes. */
  lessons: 'LESSONS',
  /** In solver and lesson-writer requests: the task question. */
  question: 'QUESTION',
  /** In meta-controller requests: the current optimizer instructions Q. */
  currentInstructions: 'CURRENT_OPTIMIZER_INSTRUCTIONS',
  /** In meta-controller requests: the epoch reflection R_e. */
  reflection: 'REFLECTION',
  /** In critic and optimizer requests: what the solver was sent (its user message). */
  input: 'INPUT',
  /** In critic and optimizer requests: the solver's full response. */
  response: 'RESPONSE',
  /** In the second critic request: the first critic call's feedback on the response. */
  responseFeedback: 'RESPONSE_FEEDBACK',
} as const;

export type TagName = (typeof TAGS)[keyof typeof TAGS];

/** Wraps text in an XML-like tag pair: <TAG>\ntext\n</TAG>. */
export function wrapInTag(tag: TagName, text: string): string {
  return `<${tag}>\n${text}\n</${tag}>`;
}

/** The HTTP header the gateway sends to name the role of a request; real servers ignore it. */
export const ROLE_HEADER = 'X-Remo-Role';
