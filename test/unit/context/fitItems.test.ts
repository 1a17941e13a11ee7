import { describe, expect, it } from 'vitest';
import { clipMiddle } from '../../../electron/core/engine/context/clipMiddle';
import { fitItems, MIN_ITEM_CHARS } from '../../../electron/core/engine/context/fitItems';
import type { ChatMessageShape } from '../../../shared/prompts/chatMessage';
import { estimateMessagesTokens } from '../../../shared/prompts/estimateTokens';

const build = (items: readonly string[]): ChatMessageShape[] => [
  { role: 'system', content: 'You critique answers.' },
  { role: 'user', content: items.map((t, i) => `### Case ${i + 1}\n${t}`).join('\n\n') },
];
const fit = (items: string[], budget: number) => fitItems({ items, build, clip: clipMiddle, longest: (t) => t.length, budget });

describe('fitItems', () => {
  it('sends the request as it is when it fits', () => {
    const result = fit(['a', 'b'], 1000);
    expect(result.condensed).toBeNull();
    expect(result.messages).toEqual(build(['a', 'b']));
  });

  it('cuts every long text to the longest length that fits, keeping every item', () => {
    const items = Array.from({ length: 5 }, (_, i) => `start ${i} ${'x'.repeat(6000)} Answer: ${i}`);
    const result = fit(items, 4000);
    expect(estimateMessagesTokens(result.messages)).toBeLessThanOrEqual(4000);
    expect(result.condensed).toMatchObject({ itemsBefore: 5, itemsKept: 5 });
    expect(result.condensed!.maxItemChars).toBeGreaterThan(MIN_ITEM_CHARS);
    // Bisection finds the longest cut: one character more would not fit.
    const oneMore = build(items.map((t) => clipMiddle(t, result.condensed!.maxItemChars + 1)));
    expect(estimateMessagesTokens(oneMore)).toBeGreaterThan(4000);
    // Both ends survive: what the case is and the answer line.
    for (let i = 0; i < 5; i++) {
      expect(result.messages[1]!.content).toContain(`start ${i}`);
      expect(result.messages[1]!.content).toContain(`Answer: ${i}`);
    }
  });

  it('drops trailing items when even the shortest cut does not fit, never the first', () => {
    const items = Array.from({ length: 400 }, (_, i) => `case ${i} ${'y'.repeat(1000)}`);
    const result = fit(items, 3000);
    expect(estimateMessagesTokens(result.messages)).toBeLessThanOrEqual(3000);
    expect(result.condensed!.itemsKept).toBeLessThan(400);
    expect(result.condensed!.itemsKept).toBeGreaterThan(1);
    expect(result.condensed!.maxItemChars).toBe(MIN_ITEM_CHARS);
    expect(result.messages[1]!.content).toContain('case 0 ');
  });

  it('is deterministic', () => {
    const items = Array.from({ length: 7 }, (_, i) => `${i} ${'z'.repeat(3000 + i)}`);
    expect(fit(items, 2500)).toEqual(fit(items, 2500));
  });
});
