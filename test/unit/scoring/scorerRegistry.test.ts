import { describe, expect, it } from 'vitest';
import { createScorer, scorerConfigSchema, scorerNames } from '../../../shared/scoring/scorerRegistry';

describe('scorer registry', () => {
  it('lists every scorer by name', () => {
    expect(scorerNames.sort()).toEqual(['choice', 'exact', 'gsm8k', 'numeric', 'regex']);
  });

  it('given a config without optional fields, then defaults are filled in', () => {
    expect(scorerConfigSchema.parse({ name: 'numeric' })).toEqual({ name: 'numeric', absoluteTolerance: 0, relativeTolerance: 0 });
    expect(scorerConfigSchema.parse({ name: 'regex', pattern: 'x' })).toMatchObject({ group: 1, flags: '', compare: 'exact' });
  });

  it('given an unknown name or a broken regex, then config validation fails', () => {
    expect(scorerConfigSchema.safeParse({ name: 'bleu' }).success).toBe(false);
    expect(scorerConfigSchema.safeParse({ name: 'regex', pattern: '(unclosed' }).success).toBe(false);
    expect(() => createScorer({ name: 'numeric', absoluteTolerance: -1 })).toThrow();
  });
});

describe('numeric scorer', () => {
  it('given a tolerance, then near answers count and far ones do not', () => {
    const strict = createScorer({ name: 'numeric' });
    const loose = createScorer({ name: 'numeric', absoluteTolerance: 0.01 });
    const relative = createScorer({ name: 'numeric', relativeTolerance: 0.01 });
    expect(strict('Answer: 3.14', '3.14159').correct).toBe(false);
    expect(loose('Answer: 3.14', '3.14159').correct).toBe(true);
    expect(loose('Answer: 3.2', '3.14159').correct).toBe(false);
    expect(relative('Answer: 1005', '1000').correct).toBe(true);
    expect(relative('Answer: 1020', '1000').correct).toBe(false);
  });
});

describe('exact-match scorer', () => {
  const exact = createScorer({ name: 'exact' });
  it('given case, whitespace, markdown and a trailing period, then they are normalised away', () => {
    expect(exact('Answer: **  New   York. **', 'new york')).toMatchObject({ correct: true, predicted: 'new york' });
  });
  it('given no Answer line, then the last line is the prediction', () => {
    expect(exact('Let me think.\nParis', 'paris')).toMatchObject({ correct: true, predicted: 'paris' });
  });
  it('given case sensitivity, then case matters', () => {
    expect(createScorer({ name: 'exact', caseSensitive: true })('Answer: paris', 'Paris').correct).toBe(false);
  });
  it('given an empty response, then no prediction', () => {
    expect(exact('   ', 'x')).toMatchObject({ correct: false, predicted: null });
  });
});

describe('regex scorer', () => {
  it('given a capture group, then the last match is compared', () => {
    const s = createScorer({ name: 'regex', pattern: String.raw`\\boxed\{([^}]*)\}` });
    expect(s('first \\boxed{1} then \\boxed{ 7 }', '7')).toMatchObject({ correct: true, predicted: '7' });
  });
  it('given a named group and numeric compare, then numbers are compared', () => {
    const s = createScorer({ name: 'regex', pattern: String.raw`RESULT=(?<v>\S+)`, group: 'v', compare: 'numeric' });
    expect(s('RESULT=1,000', '1000')).toMatchObject({ correct: true, predicted: '1000' });
  });
  it('given no match, then the reason says so', () => {
    const s = createScorer({ name: 'regex', pattern: 'zzz(\\d)' });
    expect(s('nothing', '1')).toMatchObject({ correct: false, predicted: null, reason: 'pattern not found' });
  });
  it('ignores thinking blocks', () => {
    const s = createScorer({ name: 'regex', pattern: 'R=(\\d+)' });
    expect(s('<think>R=9</think>', '9').predicted).toBeNull();
  });
});

describe('choice-letter scorer', () => {
  const choice = createScorer({ name: 'choice' });
  const cases: Array<[string, string | null]> = [
    ['Answer: (B)', 'B'],
    ['Answer: B', 'B'],
    ['**Answer:** c', 'C'],
    ['Therefore the answer is D.', 'D'],
    ['The answer is (E)', 'E'],
    ['A', 'A'],
    ['(b)', 'B'],
    ['I pick option (C) over (A) because... (A)', 'A'],
    ['Answer: (A)\nOn reflection, Answer: (D)', 'D'],
    ['<think>Answer: A</think>Answer: B', 'B'],
    ['Answer: Because of gravity', null],
    ['The answer is F', null],
    ['', null],
  ];
  for (const [response, predicted] of cases) {
    it(`given ${JSON.stringify(response)}, then predicted=${predicted}`, () => {
      expect(choice(response, 'B').predicted).toBe(predicted);
    });
  }
  it('given a gold written as "(b)", then it still matches', () => {
    expect(choice('Answer: B', '(b)').correct).toBe(true);
  });
});
