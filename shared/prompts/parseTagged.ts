/**
 * Tolerant extraction of a tagged section from a model reply. Weak local models forget closing
 * tags, wrap output in prose or code fences, or leave <think> blocks; each case is handled here,
 * in one place, and the result says how the text was found so the engine can record it.
 */
export type TaggedParse =
  | { ok: true; text: string; how: 'tags' | 'open-tag-only' | 'untagged' }
  | { ok: false; reason: string };

export interface ParseTaggedOptions {
  /** Accept a reply without any tag as the content itself (after removing lead-in prose). */
  allowUntagged: boolean;
  /** Replies longer than this are treated as hopeless (runaway generation). */
  maxLength: number;
}

function stripThinkBlocks(text: string): string {
  // A closed block is removed; an unclosed one (cut-off generation) removes everything after it.
  return text.replace(/<think>[\s\S]*?<\/think>/gi, '').replace(/<think>[\s\S]*$/i, '');
}

function stripFences(text: string): string {
  const fenced = /^```[\w-]*\n([\s\S]*?)\n?```$/.exec(text.trim());
  return fenced ? fenced[1]!.trim() : text.trim();
}

/** Drops lead-in prose such as "Sure. Here is the improved prompt:" (a line ending in a colon, near the top). */
function stripLeadIn(text: string): string {
  const lines = text.split('\n');
  for (let i = Math.min(2, lines.length - 2); i >= 0; i--) {
    if (/\b(here|below|prompt|improved|updated|revised)\b.*:\s*$/i.test(lines[i]!.trim())) return lines.slice(i + 1).join('\n').trim();
  }
  return text;
}

export function parseTagged(reply: string, tag: string, options: ParseTaggedOptions): TaggedParse {
  const text = stripThinkBlocks(reply);
  const open = new RegExp(`<\\s*${tag}\\s*>`, 'gi');
  const close = new RegExp(`<\\s*/\\s*${tag}\\s*>`, 'i');
  let result: { text: string; how: 'tags' | 'open-tag-only' | 'untagged' } | null = null;
  // The LAST opening tag wins: models sometimes echo the instruction's tags before answering.
  const opens = [...text.matchAll(open)];
  const lastOpen = opens.at(-1);
  if (lastOpen) {
    const after = text.slice(lastOpen.index + lastOpen[0].length);
    const end = close.exec(after);
    result = end ? { text: after.slice(0, end.index), how: 'tags' } : { text: after, how: 'open-tag-only' };
    if (result.text.trim() === '' && opens.length > 1) {
      const first = opens[0]!;
      const rest = text.slice(first.index + first[0].length);
      const firstEnd = close.exec(rest);
      result = { text: firstEnd ? rest.slice(0, firstEnd.index) : rest, how: firstEnd ? 'tags' : 'open-tag-only' };
    }
  } else if (options.allowUntagged) {
    result = { text: stripLeadIn(stripFences(text.replace(close, ''))), how: 'untagged' };
  } else {
    return { ok: false, reason: `no <${tag}> tag in the reply` };
  }
  const cleaned = stripFences(result.text);
  if (cleaned.length === 0) return { ok: false, reason: 'empty reply' };
  if (cleaned.length > options.maxLength) return { ok: false, reason: `reply longer than ${options.maxLength} characters` };
  return { ok: true, text: cleaned, how: result.how };
}
