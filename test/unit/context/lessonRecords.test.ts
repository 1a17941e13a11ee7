import { describe, expect, it } from 'vitest';
import { currentTemplateVersions, findPromptsDir, loadTemplates } from '../../../electron/core/engine/promptTemplates';
import { estimateTokens } from '../../../shared/prompts/estimateTokens';
import { buildSolverMessages, renderLessonRecords } from '../../../shared/prompts/solverMessages';
import { splitLessons } from '../../../electron/core/llm/simulator/solverRule';

const dir = findPromptsDir();
const templates = loadTemplates(dir, currentTemplateVersions(dir));
const entry = {
  question: 'Tom buys 3 bags of 6 apples.\nHow many apples does he have?', gold: '18', predicted: '6',
  lesson: 'Multiply the number of bags by the apples per bag.\n(extra line the lesson writer should not have written)',
};

describe("the solver's retrieved record (method spec: question, wrong answer, correct answer, lesson)", () => {
  it('shows each entry as a numbered record with all four parts, the lesson on one line', () => {
    expect(renderLessonRecords([entry])).toBe([
      '1. Question: Tom buys 3 bags of 6 apples. How many apples does he have?',
      '   Wrong answer given: 6',
      '   Correct answer: 18',
      '   Lesson: Multiply the number of bags by the apples per bag.',
    ].join('\n'));
  });

  it('cuts a very long question and lesson, and separates records by a blank line (one entry each for a reader)', () => {
    const long = { ...entry, question: 'word '.repeat(2000), lesson: 'step '.repeat(500) };
    const text = renderLessonRecords([long, entry]);
    expect(estimateTokens(text)).toBeLessThan(500);
    expect(splitLessons(text)).toHaveLength(2);
  });

  it("puts the records in the solver's user message inside <LESSONS>, after the new framing", () => {
    const [system, user] = buildSolverMessages(templates, 'P', 'What is 2+2?', [entry], 'record');
    expect(system).toEqual({ role: 'system', content: 'P' });
    expect(user!.content).toMatch(/^Below are earlier questions that were answered wrongly[\s\S]*<LESSONS>\n1\. Question: Tom buys[\s\S]*<\/LESSONS>\n\n<QUESTION>\nWhat is 2\+2\?\n<\/QUESTION>$/);
  });

  it("keeps runs made before records existed on their excerpt rendering (their requests must not change)", () => {
    const v1 = loadTemplates(dir, { ...currentTemplateVersions(dir), 'solver-lessons': 'v1' });
    const [, user] = buildSolverMessages(v1, 'P', 'Q?', [entry], 'excerpt');
    expect(user!.content).toContain('1. Multiply the number of bags by the apples per bag.\n(extra line the lesson writer should not have written) (from: "Tom buys 3 bags of 6 apples. How many apples does he have?")');
  });
});
