import type { ChatMessageShape } from './chatMessage';

/**
 * Token counts without a tokenizer, deliberately on the high side so a prompt judged to fit does
 * fit. Qwen's tokenizer (like most BPE vocabularies for English) averages about 4 characters per
 * token on prose, splits numbers into single digits, and spends one or more tokens per CJK
 * character or emoji. Here: one token per digit, one per 3 other ASCII characters, two per
 * non-ASCII character. On GSM8K-style text this over-counts by roughly a third.
 */
export function estimateTokens(text: string): number {
  let digits = 0;
  let ascii = 0;
  let wide = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits += 1;
    else if (code < 128) ascii += 1;
    // The low half of a surrogate pair was counted with its high half.
    else if (code < 0xdc00 || code > 0xdfff) wide += 1;
  }
  return digits + Math.ceil(ascii / 3) + 2 * wide;
}

/** The chat template's framing per message (role markers, separators), counted generously. */
export const MESSAGE_OVERHEAD_TOKENS = 8;
/** Framing of the whole conversation (start of the assistant turn, a thinking switch like `/no_think`). */
export const CONVERSATION_OVERHEAD_TOKENS = 16;

/** Estimated prompt tokens of a chat request. */
export function estimateMessagesTokens(messages: readonly ChatMessageShape[]): number {
  let total = CONVERSATION_OVERHEAD_TOKENS;
  for (const message of messages) total += MESSAGE_OVERHEAD_TOKENS + estimateTokens(message.content);
  return total;
}

/**
 * The longest prefix of `text` whose estimate is at most `tokens`, cut at a word boundary when one
 * is near, with a marker saying it was cut. Pure, so a cut is the same on every replay.
 */
export function clipToTokens(text: string, tokens: number, marker = ' […]'): string {
  if (estimateTokens(text) <= tokens) return text;
  const room = Math.max(0, tokens - estimateTokens(marker));
  // Binary search on the character count: estimateTokens is monotone in the prefix length.
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (estimateTokens(text.slice(0, mid)) <= room) lo = mid;
    else hi = mid - 1;
  }
  let cut = text.slice(0, lo);
  const space = cut.lastIndexOf(' ');
  if (space > lo * 0.8) cut = cut.slice(0, space);
  return `${cut.trimEnd()}${marker}`;
}
