import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { criticReply, improvePrompt, metaControllerReply, optimizerReply } from '../../../electron/core/llm/simulator/roleReplies';
import { Gsm8kIndex } from '../../../electron/core/llm/simulator/gsm8kIndex';
import { SKILLS } from '../../../electron/core/llm/simulator/promptSkills';

const SEED_Q = readFileSync('resources/prompts/optimizer-instructions/v1.txt', 'utf8');
const PLAIN_Q = 'You improve the system prompt of a math solver according to the feedback.';
const NARROW = 'When a problem involves apples and baskets, compute each quantity separately before combining them.';

describe('simulated optimizer', () => {
  it('adds the instruction of the first skill the feedback names that the prompt lacks', () => {
    const next = improvePrompt('Solve the problem.', 'Several answers had arithmetic slips.', PLAIN_Q);
    expect(next).toBe('Solve the problem.\nDouble-check every arithmetic operation before moving on.');
  });

  it('with nothing new in the feedback, appends a narrow rule unless Q asks for general edits', () => {
    const feedback = 'The remaining errors look specific to problems about apples and baskets.';
    expect(improvePrompt('Solve the problem.', feedback, PLAIN_Q)).toMatch(/^Solve the problem\.\nWhen a problem involves \w+ and \w+, compute/);
    expect(improvePrompt(`Solve the problem.\n${NARROW}`, feedback, 'Keep the prompt concise.')).toBe('Solve the problem.');
  });

  it('honours the shipped seed instructions\' request for general edits like a meta-controller rewrite (method-neutral)', () => {
    const feedback = 'The remaining errors look specific to problems about apples and baskets.';
    const metaQ = metaControllerReply(`<CURRENT_OPTIMIZER_INSTRUCTIONS>${PLAIN_Q}</CURRENT_OPTIMIZER_INSTRUCTIONS><REFLECTION>Validation accuracy fell.</REFLECTION>`, false);
    const fromSeed = improvePrompt(`Solve the problem.\n${NARROW}`, feedback, SEED_Q);
    const fromMeta = improvePrompt(`Solve the problem.\n${NARROW}`, feedback, metaQ);
    expect(fromSeed).toBe('Solve the problem.');
    expect(fromMeta).toBe(fromSeed);
  });
});

describe('simulated optimizer: feedback per exchange', () => {
  it('reads every <FEEDBACK> block of the request, not only the first', () => {
    const user = '<CURRENT_PROMPT>\nSolve it.\n</CURRENT_PROMPT>\n### Exchange 1\n<FEEDBACK>\nThe answer was fine.\n</FEEDBACK>\n' +
      '### Exchange 2\n<FEEDBACK>\nThe answer mixed minutes and hours: mention units.\n</FEEDBACK>\nReply between <IMPROVED_VARIABLE> and </IMPROVED_VARIABLE>.';
    expect(optimizerReply(PLAIN_Q, user, true)).toContain(`<IMPROVED_VARIABLE>\nSolve it.\n${SKILLS.units.instruction}\n</IMPROVED_VARIABLE>`);
  });
});

describe('simulated critic: neutral to retrieved lessons', () => {
  it('does not count a question quoted inside a <LESSONS> block as one more example', () => {
    const failed = { question: 'Tom has 5 apples and eats 2 of them. How many apples are left?', answer: 'Tom has 5 - 2 = <<5-2=3>>3 left.\n#### 3' };
    const quoted = { question: 'A shop sells 3 pens for 2 dollars each and 4 pencils for 1 dollar each. What is the total cost in dollars?', answer: '3*2=<<3*2=6>>6\n4*1=<<4*1=4>>4\n6+4=<<6+4=10>>10\n6+4=10 in total\n#### 10' };
    const index = new Gsm8kIndex([failed, quoted]);
    const exchange = `<CURRENT_PROMPT>\nSolve it.\n</CURRENT_PROMPT>\n<INPUT>\n<QUESTION>\n${failed.question}\n</QUESTION>\n</INPUT>`;
    const withLessons = exchange.replace('<INPUT>\n', `<INPUT>\n<LESSONS>\n1. Check units. (from: "${quoted.question}")\n</LESSONS>\n`);
    expect(criticReply(withLessons, index, 0)).toBe(criticReply(exchange, index, 0));
  });
});

describe('simulated meta-controller', () => {
  it('adds a generality instruction when the reflection reports a fall, once', () => {
    const text = `<CURRENT_OPTIMIZER_INSTRUCTIONS>${PLAIN_Q}</CURRENT_OPTIMIZER_INSTRUCTIONS><REFLECTION>Validation accuracy fell from 80% to 70%.</REFLECTION>`;
    const once = metaControllerReply(text, true);
    expect(once).toMatch(/^<OPTIMIZER_INSTRUCTIONS>\n.*\nPrefer general instructions/s);
    const inner = once.replace(/<\/?OPTIMIZER_INSTRUCTIONS>/g, '').trim();
    const twice = metaControllerReply(text.replace(PLAIN_Q, inner), true);
    expect(twice).toBe(once);
  });
});
