/**
 * Reading requests written by other tools (see README.md, "Other tools"): which tag pair a
 * request asks the reply to be wrapped in, and the tagged blocks it carries. Generic on purpose:
 * it recognises the shape "return the result between <X> and </X>" in anyone's wording, never one
 * tool's exact template.
 */

/** Verbs with which a prompt asks for its reply. */
const RETURN_VERB = /\b(return|send|respond|reply|answer|output|write|give|put|place|wrap|enclose|provide|format)\b/i;

/** What may sit between a format example's tags: a placeholder, not real content. */
const PLACEHOLDER = /^\s*(\{[^{}]*\}|\[[^[\]]*\]|\.{3}|…|<[^<>]*>)?\s*$/;

export interface TaggedBlock {
  name: string;
  content: string;
}

/** The first <NAME>…</NAME> pair of every tag name in the text (nested pairs included), in order of appearance. */
export function taggedBlocks(text: string): TaggedBlock[] {
  const names = [...new Set([...text.matchAll(/<([A-Za-z][\w-]*)>/g)].map((match) => match[1]!))];
  return names.flatMap((name) => {
    const open = text.indexOf(`<${name}>`);
    const close = text.indexOf(`</${name}>`, open);
    return close < 0 ? [] : [{ name, content: text.slice(open + name.length + 2, close).trim() }];
  });
}

/**
 * The tag a request asks its reply to be wrapped in, or undefined. A tag qualifies when the
 * sentence that leads to its opening asks for the reply ("send … in the following format:",
 * "reply … between") and the tag is shown as a format (a placeholder or nothing between the pair,
 * or named as "between <X> and </X>" / "between the <X> tags"). The last such tag wins: prompts
 * restate the format at their end.
 */
export function requestedOutputTag(text: string): string | undefined {
  let chosen: string | undefined;
  for (const match of text.matchAll(/<([A-Za-z][\w-]*)>/g)) {
    const name = match[1]!;
    const start = match.index;
    const before = text.slice(Math.max(0, start - 160), start);
    const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf('.\n')) + 1);
    if (!RETURN_VERB.test(sentence)) continue;
    const after = text.slice(start + match[0].length);
    const close = after.indexOf(`</${name}>`);
    const shownAsFormat = close >= 0 && PLACEHOLDER.test(after.slice(0, close));
    const namedAsDelimiter = /\b(between|inside|within|in|into)\s+(the\s+)?$/i.test(sentence) || new RegExp(`^\\s*(and|tags?\\b)`, 'i').test(after);
    if (shownAsFormat || namedAsDelimiter) chosen = name;
  }
  return chosen;
}

/** The first block whose tag name matches `pattern`, excluding the reply tag. */
export function blockNamed(blocks: readonly TaggedBlock[], pattern: RegExp, except?: string): string | undefined {
  return blocks.find((block) => block.name !== except && pattern.test(block.name))?.content;
}
