import { parseTagged, type TaggedParse } from './parseTagged';
import { TAGS } from './tags';

/** Longest system prompt the engine accepts from the optimizer. */
export const MAX_PROMPT_CHARS = 8000;

/** The optimizer's new P: tags preferred, a bare prompt accepted (weak models drop tags). */
export function parseImprovedPrompt(reply: string): TaggedParse {
  return parseTagged(reply, TAGS.improvedPrompt, { allowUntagged: true, maxLength: MAX_PROMPT_CHARS });
}

/**
 * The meta-controller's new Q. Stricter than P: it must come in its tags (an untagged reply could
 * be commentary), and it must keep the tag contract, i.e. still instruct <IMPROVED_VARIABLE>.
 */
export function parseOptimizerInstructions(reply: string): TaggedParse {
  const parsed = parseTagged(reply, TAGS.optimizerInstructions, { allowUntagged: false, maxLength: MAX_PROMPT_CHARS });
  if (!parsed.ok) return parsed;
  if (!keepsTagContract(parsed.text)) {
    return { ok: false, reason: `the new instructions do not tell the optimizer to answer in <${TAGS.improvedPrompt}> tags (tag contract)` };
  }
  return parsed;
}

/** True when Q still names the optimizer's reply tag, so step 4's parser keeps working. */
export function keepsTagContract(instructions: string): boolean {
  return instructions.includes(`<${TAGS.improvedPrompt}>`) || instructions.includes(TAGS.improvedPrompt);
}
