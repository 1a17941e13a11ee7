import { describe, expect, it } from 'vitest';
import { Gsm8kIndex } from '../../../electron/core/llm/simulator/gsm8kIndex';

const A = { question: 'Tom has 5 apples and eats 2 of them. How many apples are left?', answer: '5 - 2 = <<5-2=3>>3\n#### 3' };
const B = { question: 'A shop sells 3 pens for 2 dollars each. How much do the pens cost?', answer: '3 * 2 = <<3*2=6>>6\n#### 6' };
const index = new Gsm8kIndex([A, B]);

describe('Gsm8kIndex.findAll', () => {
  it('finds a question in the middle of a sentence, whatever the case, spacing and punctuation around it', () => {
    expect(index.findAll(`Please solve: "${A.question.toUpperCase().replace(/ /g, '  ')}" Thanks!`).map((i) => i.question)).toEqual([A.question]);
  });

  it('lists several questions in order of appearance, each once', () => {
    expect(index.findAll(`Q: ${B.question}\nA: 6\nQ: ${A.question}\nQ: ${B.question}`).map((i) => i.question)).toEqual([B.question, A.question]);
  });

  it('does not match a truncated question or an unknown one', () => {
    expect(index.findAll(`(from: "${A.question.slice(0, 40)}…")`)).toEqual([]);
    expect(index.findAll('Tom has 5 apples and eats 3 of them. How many apples are left?')).toEqual([]);
  });

  it('lookup takes the exact question, or finds it inside a longer text', () => {
    expect(index.lookup(A.question)?.gold).toBe(3);
    expect(index.lookup(`Solve this. ${B.question}`)?.gold).toBe(6);
  });
});
