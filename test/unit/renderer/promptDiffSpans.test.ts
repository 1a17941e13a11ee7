import { describe, expect, it } from 'vitest';
import { diffStats, promptDiffSpans } from '../../../renderer/diff/promptDiffSpans';

describe('promptDiffSpans', () => {
  it('given an edited prompt, then spans rebuild both versions and count words', () => {
    const before = 'You will answer a mathemetical reasoning question. Think step by step.';
    const after = 'You will answer a math word problem. Think step by step and check units.';
    const spans = promptDiffSpans(before, after);
    const rebuild = (keep: 'added' | 'removed') => spans.filter((s) => s.kind !== keep).map((s) => s.text).join('');
    expect(rebuild('added')).toBe(before);
    expect(rebuild('removed')).toBe(after);
    const stats = diffStats(spans);
    expect(stats.added).toBeGreaterThan(0);
    expect(stats.removed).toBeGreaterThan(0);
  });

  it('keeps markup as text (the spans are rendered as text nodes, never HTML)', () => {
    const spans = promptDiffSpans('a', 'a <img src=x onerror=alert(1)>');
    expect(spans.map((s) => s.text).join('')).toBe('a <img src=x onerror=alert(1)>');
  });

  it('given identical prompts, then there is one unchanged span', () => {
    expect(promptDiffSpans('same text', 'same text')).toEqual([{ kind: 'same', text: 'same text' }]);
  });
});
