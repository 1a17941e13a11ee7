import { describe, expect, it } from 'vitest';
import { gsm8kScorer, extractPredictedNumber } from '../../../shared/scoring/numericScorer';
import { findNumbers, formatNumber, parseNumber } from '../../../shared/scoring/parseNumber';

/** given a response and a gold, then the scorer predicts `predicted` and judges `correct`. */
const cases: Array<{ given: string; response: string; gold: string; predicted: string | null; correct: boolean }> = [
  { given: 'a plain Answer: line', response: 'Step 1...\nAnswer: 42', gold: '42', predicted: '42', correct: true },
  { given: 'thousands commas', response: 'Answer: 1,234', gold: '1234', predicted: '1234', correct: true },
  { given: 'a dollar sign', response: 'Answer: $18', gold: '18', predicted: '18', correct: true },
  { given: 'dollars, commas and cents', response: 'Answer: $1,000.00', gold: '1000', predicted: '1000', correct: true },
  { given: 'a negative number', response: 'Answer: -5', gold: '-5', predicted: '-5', correct: true },
  { given: 'a Unicode minus', response: 'Answer: \u22125', gold: '-5', predicted: '-5', correct: true },
  { given: 'a negative dollar amount', response: 'Answer: -$5', gold: '-5', predicted: '-5', correct: true },
  { given: 'a leading-dot decimal', response: 'Answer: .5', gold: '0.5', predicted: '0.5', correct: true },
  { given: 'trailing zeros', response: 'Answer: 2.50', gold: '2.5', predicted: '2.5', correct: true },
  { given: 'a fraction (read as its value)', response: 'Answer: 1/2', gold: '0.5', predicted: '0.5', correct: true },
  { given: 'a percentage (the % is dropped)', response: 'Answer: 25%', gold: '25', predicted: '25', correct: true },
  { given: 'a trailing period', response: 'Answer: 42.', gold: '42', predicted: '42', correct: true },
  { given: 'a number with a unit', response: 'Answer: 18 dollars', gold: '18', predicted: '18', correct: true },
  { given: 'scientific notation', response: 'Answer: 1.5e3', gold: '1500', predicted: '1500', correct: true },
  { given: 'bold markdown around the line', response: '**Answer: 42**', gold: '42', predicted: '42', correct: true },
  { given: 'bold markdown on the label only', response: '**Answer:** 42', gold: '42', predicted: '42', correct: true },
  { given: 'the value on the next line', response: 'Answer:\n\n42\nThanks', gold: '42', predicted: '42', correct: true },
  { given: 'an equation on the Answer line (last number wins)', response: 'Answer: 5 + 3 = 8', gold: '8', predicted: '8', correct: true },
  {
    given: 'no Answer: line (last number in the response)',
    response: 'She has 3 apples and buys 4 more, so 7 in total.',
    gold: '7', predicted: '7', correct: true,
  },
  {
    given: 'trailing numbers after the answer line',
    response: 'Answer: 42\nI used 3 steps and 2 checks.',
    gold: '42', predicted: '42', correct: true,
  },
  {
    given: 'several Answer: lines (the last wins)',
    response: 'Answer: 10\nWait, I made a mistake.\nAnswer: 12',
    gold: '12', predicted: '12', correct: true,
  },
  {
    given: 'a thinking block holding another answer',
    response: '<think>Maybe Answer: 99</think>\nAnswer: 42',
    gold: '42', predicted: '42', correct: true,
  },
  {
    given: 'an unclosed thinking block (cut off while thinking)',
    response: 'Answer: 42\n<think>hmm, or Answer: 99 and 1000',
    gold: '42', predicted: '42', correct: true,
  },
  {
    given: 'only an unclosed thinking block',
    response: '<think>The answer could be 99',
    gold: '99', predicted: null, correct: false,
  },
  {
    given: 'a closing tag without an opening one (template put <think> in the prompt)',
    response: 'reasoning with 99\n</think>\nAnswer: 42',
    gold: '42', predicted: '42', correct: true,
  },
  { given: 'a wrong answer', response: 'Answer: 41', gold: '42', predicted: '41', correct: false },
  { given: 'an empty response', response: '', gold: '42', predicted: null, correct: false },
  { given: 'a response with no number at all', response: 'Answer: I do not know', gold: '42', predicted: null, correct: false },
  { given: 'a gold with commas', response: 'Answer: 70000', gold: '70,000', predicted: '70000', correct: true },
  { given: 'a number glued to a letter is not taken', response: 'Answer: 12 from step2', gold: '12', predicted: '12', correct: true },
  { given: 'a range on the Answer line (a hedge, not a minus)', response: 'Answer: 3-5', gold: '5', predicted: '3-5', correct: false },
  { given: 'a markdown bullet dash is not a minus', response: 'Steps:\n- 5 apples', gold: '5', predicted: '5', correct: true },
  { given: 'a dollar sign with a space', response: 'Answer: $ 12', gold: '12', predicted: '12', correct: true },
  { given: 'an Answer line without a number falls back', response: 'x = 9\nAnswer: nine', gold: '9', predicted: '9', correct: true },
  // Issue 10's cases: an aside, a unit conversion, a clock time and a hedge.
  { given: 'an explanation in parentheses after the answer', response: 'Answer: 18 (3 bags of 6)', gold: '18', predicted: '18', correct: true },
  { given: 'a unit conversion in parentheses, no Answer: line', response: '150 minutes (2.5 hours)', gold: '150', predicted: '150', correct: true },
  { given: 'a unit conversion in parentheses on the Answer line', response: 'Answer: 150 minutes (2.5 hours)', gold: '150', predicted: '150', correct: true },
  { given: 'a clock time alone (not the number 30)', response: '10:30', gold: '30', predicted: null, correct: false },
  { given: 'a clock time on the Answer line (not the number 30)', response: 'Answer: 10:30', gold: '30', predicted: null, correct: false },
  { given: 'two different numbers on the Answer line (a hedge)', response: 'Answer: 4 and 5', gold: '5', predicted: '4 and 5', correct: false },
  { given: 'a hedge is wrong for its first number too', response: 'Answer: 4 and 5', gold: '4', predicted: '4 and 5', correct: false },
  { given: 'the same number twice on the Answer line', response: 'Answer: 5 (five = 5)', gold: '5', predicted: '5', correct: true },
  { given: 'a number only inside the parentheses', response: 'Answer: (18)', gold: '18', predicted: '18', correct: true },
  { given: 'an equation with an aside after its result', response: 'Answer: 6 x 3 = 18 (dollars)', gold: '18', predicted: '18', correct: true },
  { given: 'a mixed number', response: 'Answer: 2 1/2', gold: '2.5', predicted: '2.5', correct: true },
  { given: 'a clock time before the answer in the fallback', response: 'She left at 10:30 and walked 4 miles.', gold: '4', predicted: '4', correct: true },
  { given: 'an aside on the last line of the fallback', response: 'So the total is 42 (6 boxes of 7)', gold: '42', predicted: '42', correct: true },
];

describe('gsm8kScorer (method spec §6)', () => {
  for (const c of cases) {
    it(`given ${c.given}, when scored against ${JSON.stringify(c.gold)}, then predicted=${c.predicted} correct=${c.correct}`, () => {
      const result = gsm8kScorer(c.response, c.gold);
      expect(result.predicted).toBe(c.predicted);
      expect(result.correct).toBe(c.correct);
      expect(result.gold).toBe(c.gold);
    });
  }

  it('given no Answer: line, then the reason says the fallback was used', () => {
    expect(gsm8kScorer('so 7 in total', '7').reason).toMatch(/no "Answer:" line/);
    expect(gsm8kScorer('', '7').reason).toMatch(/no number/);
  });

  it('given a gold that is not a number, then the item is wrong with a reason (never a crash)', () => {
    const r = gsm8kScorer('Answer: 4', 'four');
    expect(r.correct).toBe(false);
    expect(r.reason).toMatch(/not a number/);
  });
});

describe('number grammar', () => {
  it('given mixed text, when finding numbers, then each is read once and in order', () => {
    expect(findNumbers('I paid $1,200.50 for 3 items, i.e. 25% off, 1/4 of -2').map((n) => n.value)).toEqual([
      1200.5, 3, 25, 0.25, -2,
    ]);
  });
  it('given a single-number string, then parseNumber reads it; several numbers give null', () => {
    expect(parseNumber(' 1,000 ')).toBe(1000);
    expect(parseNumber('1 and 2')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });
  it('given float noise, then formatNumber prints what a person would write', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(-0)).toBe('0');
  });
  it('given a mixed number, then it is one number (its value); a fraction after a comma is not joined', () => {
    expect(findNumbers('1 1/2 cups').map((n) => n.value)).toEqual([1.5]);
    expect(findNumbers('-2 3/4').map((n) => n.value)).toEqual([-2.75]);
    expect(findNumbers('3, 1/2').map((n) => n.value)).toEqual([3, 0.5]);
    expect(findNumbers('2 3/2').map((n) => n.value)).toEqual([2, 1.5]);
  });
  it('given a fraction with zero denominator, then it is skipped', () => {
    expect(findNumbers('1/0')).toEqual([]);
  });
});

// stripThinking's own cases: test/unit/prompts/stripThinking.test.ts.
describe('extractPredictedNumber', () => {
  it('exposes the fallback decision through extractPredictedNumber', () => {
    expect(extractPredictedNumber('Answer: 3').reason).toBeUndefined();
  });
});
