import { describe, expect, it } from 'vitest';
import { keepsTagContract, parseImprovedPrompt, parseOptimizerInstructions } from '../../../shared/prompts/replyParsers';
import { renderTemplate } from '../../../shared/prompts/renderTemplate';

describe('parseImprovedPrompt (tolerant)', () => {
  it.each([
    ['<IMPROVED_VARIABLE>New P</IMPROVED_VARIABLE>', 'New P', 'tags'],
    ['Sure, I improved it.\n<IMPROVED_VARIABLE>\nNew P\n</IMPROVED_VARIABLE>\nHope this helps', 'New P', 'tags'],
    ['<think>let me think <IMPROVED_VARIABLE>draft</IMPROVED_VARIABLE></think><IMPROVED_VARIABLE>Final P</IMPROVED_VARIABLE>', 'Final P', 'tags'],
    ['Use the format <IMPROVED_VARIABLE>...</IMPROVED_VARIABLE>? OK.\n<IMPROVED_VARIABLE>Real P</IMPROVED_VARIABLE>', 'Real P', 'tags'],
    ['<IMPROVED_VARIABLE>\nCut off P without closing', 'Cut off P without closing', 'open-tag-only'],
    ['I applied the feedback. Here is the new prompt:\nBare P\nline two', 'Bare P\nline two', 'untagged'],
    ['```\nFenced P\n```', 'Fenced P', 'untagged'],
    ['< improved_variable >spaced</ IMPROVED_VARIABLE >', 'spaced', 'tags'],
  ])('%j -> %j', (reply, text, how) => {
    expect(parseImprovedPrompt(reply)).toEqual({ ok: true, text, how });
  });

  it.each([['', /empty/], ['<think>only thinking</think>', /empty/], ['<IMPROVED_VARIABLE></IMPROVED_VARIABLE>', /empty/], ['x'.repeat(9000), /longer/]])(
    'hopeless reply %# is refused with a reason', (reply, reason) => {
      const parsed = parseImprovedPrompt(reply);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toMatch(reason);
    });
});

describe('parseOptimizerInstructions (tag contract)', () => {
  it('accepts a Q that still instructs the <IMPROVED_VARIABLE> tags', () => {
    expect(parseOptimizerInstructions('<OPTIMIZER_INSTRUCTIONS>Edit. Reply in <IMPROVED_VARIABLE></IMPROVED_VARIABLE>.</OPTIMIZER_INSTRUCTIONS>').ok).toBe(true);
  });
  it('rejects a Q that drops the tags, and a reply without its own tags', () => {
    const broken = parseOptimizerInstructions('<OPTIMIZER_INSTRUCTIONS>Be brief.</OPTIMIZER_INSTRUCTIONS>');
    expect(broken).toMatchObject({ ok: false, reason: expect.stringMatching(/tag contract/) });
    expect(parseOptimizerInstructions('Reply in <IMPROVED_VARIABLE> tags').ok).toBe(false);
    expect(keepsTagContract('nothing')).toBe(false);
  });
});

describe('renderTemplate', () => {
  it('fills placeholders and refuses a missing value', () => {
    expect(renderTemplate('a {{x}} b {{y}}', { x: 1, y: 'z' })).toBe('a 1 b z');
    expect(() => renderTemplate('{{missing}}', {})).toThrow(/missing/);
  });
});
