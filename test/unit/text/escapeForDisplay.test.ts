import { describe, expect, it } from 'vitest';
import { escapeForDisplay } from '../../../shared/text/escapeForDisplay';
import { jsonTextExceedsDepth, parseJsonBounded, valueExceedsDepth } from '../../../shared/json/boundedJson';

describe('escapeForDisplay', () => {
  it('writes C0, DEL, C1 and bidi controls as escapes and leaves other text alone', () => {
    expect(escapeForDisplay('a\u001b[31mb\u0000c\u007f\u009b\u202eé中')).toBe('a\\x1b[31mb\\x00c\\x7f\\x9b\\u202eé中');
    expect(escapeForDisplay('one\ntwo\tthree')).toBe('one\\x0atwo\\x09three');
    expect(escapeForDisplay('one\ntwo\tthree\r', { keepNewlines: true })).toBe('one\ntwo\tthree\\x0d');
  });
});

describe('bounded JSON', () => {
  it('refuses text nested deeper than the limit before parsing, counting brackets outside strings only', () => {
    expect(jsonTextExceedsDepth('[[[]]]', 3)).toBe(false);
    expect(jsonTextExceedsDepth('[[[[]]]]', 3)).toBe(true);
    expect(jsonTextExceedsDepth('["[[[[[[\\"[[["]', 2)).toBe(false);
    expect(() => parseJsonBounded('['.repeat(100_000) + ']'.repeat(100_000))).toThrow('nested deeper than 100 levels');
    expect(parseJsonBounded('{"a":[1,{"b":2}]}')).toEqual({ a: [1, { b: 2 }] });
  });

  it('measures parsed values iteratively (no overflow on very deep values)', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(valueExceedsDepth(deep)).toBe(true);
    expect(valueExceedsDepth({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(valueExceedsDepth({ a: [{ b: {} }] }, 3)).toBe(true);
  });
});
