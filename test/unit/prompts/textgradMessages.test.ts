import { describe, expect, it } from 'vitest';
import { currentTemplateVersions, findPromptsDir, loadTemplates } from '../../../electron/core/engine/promptTemplates';
import { buildPromptCritiqueMessages, buildResponseCritiqueMessages } from '../../../shared/prompts/criticMessages';
import { buildOptimizerMessages, SYSTEM_PROMPT_ROLE } from '../../../shared/prompts/optimizerMessages';
import { solverInput } from '../../../shared/prompts/solverMessages';

const dir = findPromptsDir();
const current = loadTemplates(dir, currentTemplateVersions(dir));
const v1 = loadTemplates(dir, Object.fromEntries(Object.keys(currentTemplateVersions(dir)).map((name) => [name, 'v1'])));

const P = 'Solve the problem. End with Answer: $VALUE.';
const question = 'Tom has 3 bags of 6 apples. How many apples?';
const longResponse = `${'Step. '.repeat(1000)}\nAnswer: 18`;
const lessons = [{ lesson: 'Multiply bags by apples per bag.', question: 'Ann has 2 boxes of 5 pens.' }];

describe('TextGrad two-stage critique (current templates)', () => {
  it('the first call sees question, gold, verdict and the whole response, and allows "no feedback needed"', () => {
    const [system, user] = buildResponseCritiqueMessages(current, { question, gold: '18', predicted: '18', response: longResponse, correct: true });
    expect(system!.content).toMatch(/no feedback is needed/i);
    expect(user!.content).toContain(question);
    expect(user!.content).toContain('Expected answer: 18');
    expect(user!.content).toContain('correct');
    expect(user!.content).toContain(longResponse); // not clipped
    expect(user!.content).toMatch(/needs no feedback/);
    expect(user!.content).not.toMatch(/could still make it fail/);
  });

  it('the second call sees the whole exchange: P, what the solver was sent (lessons included), its response and the first feedback', () => {
    const input = solverInput(current, question, lessons);
    const [, user] = buildPromptCritiqueMessages(current, P, { input, response: longResponse }, 'FIRST-FEEDBACK');
    for (const part of [P, question, lessons[0]!.lesson, longResponse, 'FIRST-FEEDBACK', SYSTEM_PROMPT_ROLE]) expect(user!.content).toContain(part);
    expect(user!.content).toMatch(/<CURRENT_PROMPT>\n/);
  });

  it('v1 templates (old runs) render as before from the same builders', () => {
    const [, first] = buildResponseCritiqueMessages(v1, { question, gold: '18', predicted: '18', response: longResponse, correct: true });
    expect(first!.content).toMatch(/what could still make it fail/);
    expect(first!.content).not.toContain(longResponse); // v1 clipped long traces
    const [, second] = buildPromptCritiqueMessages(v1, P, { input: 'ignored', response: 'ignored' }, 'FIRST-FEEDBACK');
    expect(second!.content).toContain('FIRST-FEEDBACK');
    expect(second!.content).not.toContain('ignored');
  });
});

describe('TextGrad optimizer request (current templates)', () => {
  const exchanges = [
    { input: solverInput(current, question, []), response: 'R1 Answer: 18', feedback: 'F1: the prompt works; no feedback needed.' },
    { input: solverInput(current, 'Q2 text', lessons), response: 'R2 Answer: 7', feedback: 'F2: ask to re-read the question.' },
  ];

  it('Q is the system message; the user message holds P, its role, and per item the input, the full response and its feedback', () => {
    const Q = current['optimizer-instructions'];
    const [system, user] = buildOptimizerMessages(current, Q, P, { text: 'joined', exchanges });
    expect(system!.content).toBe(Q);
    for (const part of [P, SYSTEM_PROMPT_ROLE, question, 'Q2 text', lessons[0]!.lesson, 'R1 Answer: 18', 'R2 Answer: 7', 'F1:', 'F2:']) expect(user!.content).toContain(part);
    // Pairing: each exchange's feedback comes after its own response and before the next exchange.
    const c = user!.content;
    expect(c.indexOf('R1 Answer')).toBeLessThan(c.indexOf('F1:'));
    expect(c.indexOf('F1:')).toBeLessThan(c.indexOf('Q2 text'));
    expect(c.indexOf('R2 Answer')).toBeLessThan(c.indexOf('F2:'));
  });

  it('under critiqueScope failures the exchanges come with the one batch critique', () => {
    const [, user] = buildOptimizerMessages(current, 'Q', P, { text: 'BATCH', exchanges: exchanges.map((e) => ({ ...e, feedback: null })), batchFeedback: 'BATCH' });
    expect(user!.content).toContain('BATCH');
    expect(user!.content).not.toContain('F1:');
    expect(user!.content.indexOf('R2 Answer')).toBeLessThan(user!.content.indexOf('BATCH'));
  });

  it("the seed Q is TextGrad's instruction: improve from noisy feedback, answer in the tags, and nothing of keeping it general", () => {
    const Q = current['optimizer-instructions'];
    expect(Q).toContain('<IMPROVED_VARIABLE>');
    expect(Q).toMatch(/noisy/);
    expect(Q).not.toMatch(/general|unseen|overfit|particular question/i);
    expect(v1['optimizer-instructions']).toMatch(/keep it general/); // old runs keep theirs
  });

  it('v1 optimizer-user shows the joined feedback, as old runs did', () => {
    const [, user] = buildOptimizerMessages(v1, 'Q', P, { text: 'JOINED-FEEDBACK', exchanges });
    expect(user!.content).toContain('JOINED-FEEDBACK');
    expect(user!.content).not.toContain('R1 Answer');
  });
});
