import type { ChatMessageShape } from '../../../../shared/prompts/chatMessage';
import { estimateMessagesTokens } from '../../../../shared/prompts/estimateTokens';

/** Shortest any one text of an item is cut to before items are dropped instead. */
export const MIN_ITEM_CHARS = 240;

export interface FitResult {
  messages: ChatMessageShape[];
  /** null when everything fitted as it was. */
  condensed: { itemsBefore: number; itemsKept: number; maxItemChars: number; tokensBefore: number; tokensAfter: number } | null;
}

/**
 * Fits a request built from a list of items into `budget` prompt tokens without rewriting its
 * template: first every item whole; else the longest per-text length (`clip(item, maxChars)`) that
 * fits, found by bisection; else, at MIN_ITEM_CHARS, the first items that fit (never fewer than
 * one). Wraps any message builder, so new prompt versions get the same budget for free. Pure.
 */
export function fitItems<T>(args: {
  items: readonly T[];
  build: (items: readonly T[]) => ChatMessageShape[];
  clip: (item: T, maxChars: number) => T;
  /** Longest text of an item, in characters (the bisection's upper end). */
  longest: (item: T) => number;
  budget: number;
}): FitResult {
  const { items, build, clip, budget } = args;
  const whole = build(items);
  const tokensBefore = estimateMessagesTokens(whole);
  if (tokensBefore <= budget) return { messages: whole, condensed: null };
  const clipped = (maxChars: number, count = items.length) => build(items.slice(0, count).map((item) => clip(item, maxChars)));
  const upper = Math.max(MIN_ITEM_CHARS, ...items.map(args.longest));
  let lo = MIN_ITEM_CHARS;
  let hi = upper;
  if (estimateMessagesTokens(clipped(lo)) <= budget) {
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (estimateMessagesTokens(clipped(mid)) <= budget) lo = mid;
      else hi = mid - 1;
    }
    const messages = clipped(lo);
    return { messages, condensed: { itemsBefore: items.length, itemsKept: items.length, maxItemChars: lo, tokensBefore, tokensAfter: estimateMessagesTokens(messages) } };
  }
  let count = items.length - 1;
  while (count > 1 && estimateMessagesTokens(clipped(MIN_ITEM_CHARS, count)) > budget) count -= 1;
  const messages = clipped(MIN_ITEM_CHARS, Math.max(1, count));
  return { messages, condensed: { itemsBefore: items.length, itemsKept: Math.max(1, count), maxItemChars: MIN_ITEM_CHARS, tokensBefore, tokensAfter: estimateMessagesTokens(messages) } };
}
