import { describe, expect, it } from 'vitest';
import { clipToTokens, estimateMessagesTokens, estimateTokens } from '../../../shared/prompts/estimateTokens';

describe('estimateTokens (no tokenizer, on the high side)', () => {
  it.each([
    ['', 0],
    ['abc', 1],
    ['abcd', 2],
    ['12345', 5], // Qwen splits numbers into single digits
    ['a1', 2],
    ['héllo', 2 + 2], // 4 ASCII letters (2 tokens) + one non-ASCII character (2)
    ['数学', 4],
    ['😀', 2], // one code point (a surrogate pair) counts once
  ])('%j -> %i', (text, tokens) => {
    expect(estimateTokens(text)).toBe(tokens);
  });

  it('over-counts English prose against the ~4 characters a token of real tokenizers', () => {
    const prose = 'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?';
    expect(estimateTokens(prose)).toBeGreaterThan(prose.length / 4);
  });

  it('adds framing per message', () => {
    expect(estimateMessagesTokens([{ role: 'system', content: 'abc' }, { role: 'user', content: 'abc' }])).toBe(16 + 2 * (8 + 1));
  });
});

describe('clipToTokens', () => {
  it('leaves a text that fits alone', () => {
    expect(clipToTokens('short text', 100)).toBe('short text');
  });

  it('cuts to the budget, at a word boundary, with a marker', () => {
    const text = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const clipped = clipToTokens(text, 50);
    expect(estimateTokens(clipped)).toBeLessThanOrEqual(50);
    expect(clipped.endsWith(' […]')).toBe(true);
    expect(text.startsWith(clipped.slice(0, -4))).toBe(true);
    expect(clipped.slice(0, -4)).toMatch(/word\d+$/);
  });
});
