import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTemplateVersions, findPromptsDir, loadTemplates } from '../../../electron/core/engine/promptTemplates';
import { loadGsm8kRecords } from '../../../electron/core/llm/simulator/gsm8kIndex';
import { lessonReply } from '../../../electron/core/llm/simulator/roleReplies';
import { Gsm8kIndex } from '../../../electron/core/llm/simulator/gsm8kIndex';
import { hashUnit } from '../../../electron/core/llm/simulator/seededHash';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import type { RunningSimulator } from '../../../electron/core/llm/simulator/simulatorOptions';
import { SKILLS } from '../../../electron/core/llm/simulator/promptSkills';
import { buildSolverMessages } from '../../../shared/prompts/solverMessages';
import { SEED_PROMPT, TINY_GSM8K } from './llmTestKit';

/**
 * `remo sim` as a stand-in model for other tools. Every request here is a raw HTTP body shaped
 * the way another tool builds its own (no X-Remo-Role header, none of our templates), written for
 * this test.
 */
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ dataset: TINY_GSM8K, seed: 3 });
});
afterAll(async () => {
  await sim.stop();
});

async function complete(messages: Array<{ role: string; content: string }>, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${sim.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'remo-simulator', messages, temperature: 0, chat_template_kwargs: { enable_thinking: false } }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
  return body.choices[0]!.message.content;
}

/** What our own engine's solver request for the same question and prompt gets: the reference answer. */
const ownSolverReply = (question: string, system = SEED_PROMPT) =>
  complete([{ role: 'system', content: system }, { role: 'user', content: `<QUESTION>\n${question}\n</QUESTION>` }], { 'X-Remo-Role': 'solver' });

const lastLine = (text: string) => text.trim().split('\n').at(-1)!;

describe('remo sim answering another tool\'s solver request', () => {
  it('finds a GSM8K question in the middle of a sentence of the user turn and answers it as our solver would', async () => {
    const question = TINY_GSM8K[1]!.question;
    const before = sim.stats().byRole.solver ?? 0;
    const reply = await complete([
      { role: 'system', content: SEED_PROMPT },
      { role: 'user', content: `Here is a word problem for you, taken from a benchmark: "${question}" Please solve it, then give the result.` },
    ]);
    expect(sim.stats().byRole.solver).toBe(before + 1);
    expect(reply).not.toBe('OK.');
    expect(lastLine(reply)).toMatch(/^Answer: -?[\d.]+$/);
    expect(lastLine(reply)).toBe(lastLine(await ownSolverReply(question)));
  });

  it('with few-shot examples in the turn, answers the question asked last, not an example', async () => {
    const [example, asked] = [TINY_GSM8K[0]!, TINY_GSM8K[2]!];
    const reply = await complete([
      { role: 'system', content: 'Solve grade-school math problems. Think step by step. The last line of your response should be of the form Answer: $VALUE.' },
      { role: 'user', content: `Example.\nQ: ${example.question}\nA: 48 / 2 = 24, 48 + 24 = 72. Answer: 72\n\nNow your turn.\nQ: ${asked.question}\nA:` },
    ]);
    const reference = await ownSolverReply(asked.question, 'Solve grade-school math problems. Think step by step. The last line of your response should be of the form Answer: $VALUE.');
    expect(lastLine(reply)).toBe(lastLine(reference));
  });

  it('answers a feedback request that quotes a question as a critic, not with a solution', async () => {
    const question = TINY_GSM8K[1]!.question;
    const reply = await complete([
      { role: 'system', content: 'You review how well a system prompt works. Give constructive feedback; do not solve anything yourself.' },
      { role: 'user', content: `The system prompt was:\n${SEED_PROMPT}\n\nThe model was asked: ${question}\nIt answered 600 instead of 10. What feedback would you give on the prompt?` },
    ]);
    expect(reply).not.toMatch(/Answer: /);
    expect(reply).toMatch(/prompt/i);
  });
});

describe('remo sim answering another tool\'s optimizer request', () => {
  it('returns the improved variable between the tags a TextGrad-style request names', async () => {
    const variable = 'Solve the math question. Show your reasoning step by step.';
    const reply = await complete([
      {
        role: 'system',
        content: 'You take part in a loop that makes a piece of text (the variable) better. You read criticism of the variable and improve it accordingly. ' +
          'Always send the improved variable in this form: <IMPROVED_VARIABLE>{the improved variable}</IMPROVED_VARIABLE>',
      },
      {
        role: 'user',
        content: 'This is what the variable does: <ROLE>system prompt for a math solver</ROLE>.\nThe current variable is the text in this span: ' +
          `<VARIABLE>${variable}</VARIABLE>\n\nWhat we learned about it:\n<CONTEXT><FEEDBACK>Answers mix hours and minutes; the prompt should mention units and converting them.</FEEDBACK></CONTEXT>\n\n` +
          'Improve the variable using the feedback. Give only the improved variable between <IMPROVED_VARIABLE> and </IMPROVED_VARIABLE>.',
      },
    ]);
    const inner = /<IMPROVED_VARIABLE>\n([\s\S]*?)\n<\/IMPROVED_VARIABLE>/.exec(reply)?.[1];
    expect(inner).toBe(`${variable}\n${SKILLS.units.instruction}`);
  });

  it('uses whatever tag pair the request names for its reply', async () => {
    const reply = await complete([
      { role: 'system', content: 'You refine instructions for a language model.' },
      {
        role: 'user',
        content: '<PROMPT_TO_IMPROVE>\nAnswer the question.\n</PROMPT_TO_IMPROVE>\n<CRITIQUE>\nSeveral answers contain arithmetic slips.\n</CRITIQUE>\n' +
          'Revise the prompt to address the critique. Write the revised prompt inside the <NEW_PROMPT> tags, like this: <NEW_PROMPT>...</NEW_PROMPT>',
      },
    ]);
    expect(reply).toContain(`<NEW_PROMPT>\nAnswer the question.\n${SKILLS.checkArithmetic.instruction}\n</NEW_PROMPT>`);
    expect(reply).not.toContain('<IMPROVED_VARIABLE>');
  });
});

describe('lessons through the engine\'s own solver request, over HTTP', () => {
  it('three random notebook lessons lower accuracy below no lessons at all', async () => {
    // The full GSM8K copy; the engine's solver template; lessons the simulator itself would write.
    const full = await startSimulator({ seed: 0 });
    try {
      const dir = findPromptsDir();
      const templates = loadTemplates(dir, currentTemplateVersions(dir));
      const records = loadGsm8kRecords(join(process.cwd(), 'resources/datasets/gsm8k'));
      const train = readFileSync(join(process.cwd(), 'resources/datasets/gsm8k/train.jsonl'), 'utf8').trim().split('\n').slice(0, 400).map((line) => JSON.parse(line) as { question: string });
      const index = new Gsm8kIndex(records);
      const notebook = train.map((r) => ({ question: r.question, lesson: lessonReply(`<QUESTION>\n${r.question}\n</QUESTION>`, index) }));
      const questions = readFileSync(join(process.cwd(), 'resources/datasets/gsm8k/test.jsonl'), 'utf8').trim().split('\n').slice(0, 300).map((line) => (JSON.parse(line) as { question: string }).question);
      const correctAnswers = async (withLessons: boolean) => {
        let correct = 0;
        await Promise.all(questions.map(async (question) => {
          const lessons = withLessons ? [0, 1, 2].map((j) => notebook[Math.floor(hashUnit(1, 'pick', question, j) * notebook.length)]!) : [];
          const messages = buildSolverMessages(templates, SEED_PROMPT, question, lessons);
          const response = await fetch(`${full.url}/chat/completions`, {
            method: 'POST', headers: { 'content-type': 'application/json', 'X-Remo-Role': 'solver' },
            body: JSON.stringify({ model: 'remo-simulator', messages, temperature: 0, chat_template_kwargs: { enable_thinking: false } }),
          });
          const text = ((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content;
          const gold = records.find((r) => r.question === question)!.answer.split('####').at(-1)!.trim().replace(/,/g, '');
          if (lastLine(text) === `Answer: ${gold}`) correct += 1;
        }));
        return correct;
      };
      const none = await correctAnswers(false);
      const random = await correctAnswers(true);
      expect(random).toBeLessThan(none - 10);
    } finally {
      await full.stop();
    }
  }, 60_000);
});
