import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Gsm8kIndex, toKnownItem } from '../../../electron/core/llm/simulator/gsm8kIndex';
import type { KnownItem } from '../../../electron/core/llm/simulator/gsm8kIndex';
import { SKILLS } from '../../../electron/core/llm/simulator/promptSkills';
import { lessonReply } from '../../../electron/core/llm/simulator/roleReplies';
import { hashUnit } from '../../../electron/core/llm/simulator/seededHash';
import { judgeSolver, renderSolverReply, splitLessons } from '../../../electron/core/llm/simulator/solverRule';
import { renderLessons } from '../../../shared/prompts/solverMessages';

// The project's own GSM8K copy (the simulator reads the same files at run time).
const readSplit = (file: string) => readFileSync(join(process.cwd(), 'resources/datasets/gsm8k', file), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { question: string; answer: string });
const testItems: KnownItem[] = readSplit('test.jsonl').map((record) => toKnownItem(record)!);
const trainRecords = readSplit('train.jsonl');
const trainItems: KnownItem[] = trainRecords.map((record) => toKnownItem(record)!);
const trainIndex = new Gsm8kIndex(trainRecords);

const SEED_PROMPT = "You will answer a mathemetical reasoning question. Think step by step. The last line of your response should be of the following format: 'Answer: $VALUE' where VALUE is a numerical value.";

function accuracy(systemPrompt: string, lessonsFor: (item: KnownItem) => string[] = () => [], seed = 0): number {
  let correct = 0;
  for (const item of testItems) {
    if (judgeSolver({ item, systemPrompt, lessons: lessonsFor(item), temperature: 0, requestSalt: '', seed }).correct) correct += 1;
  }
  return correct / testItems.length;
}

describe('the simulated solver rule', () => {
  const seedAccuracy = accuracy(SEED_PROMPT);

  it("puts TextGrad's seed prompt between 60% and 75% on the test split", () => {
    expect(seedAccuracy).toBeGreaterThan(0.6);
    expect(seedAccuracy).toBeLessThan(0.75);
  });

  it('rewards a better prompt on a fraction of items, each skill on its own', () => {
    for (const skill of [SKILLS.checkArithmetic, SKILLS.reRead, SKILLS.units]) {
      const better = accuracy(`${SEED_PROMPT}\n${skill.instruction}`);
      expect(better).toBeGreaterThan(seedAccuracy + 0.02);
      expect(better).toBeLessThan(seedAccuracy + 0.15);
    }
    expect(accuracy('')).toBeLessThan(seedAccuracy - 0.1);
  });

  it('does not reward an overly long prompt more than the short one with the same instructions', () => {
    const all = `${SEED_PROMPT}\n${SKILLS.checkArithmetic.instruction}\n${SKILLS.reRead.instruction}\n${SKILLS.units.instruction}`;
    const long = `${all}\n${'Be careful and thorough and consider every aspect of the problem in great detail. '.repeat(20)}`;
    expect(accuracy(long)).toBeLessThan(accuracy(all));
  });

  it('lets a relevant lesson help and an unrelated one cost a little (distraction)', () => {
    const relevant = (item: KnownItem) => [`For problems about ${item.question.split(/\s+/).slice(0, 12).join(' ')}, double-check the arithmetic and convert units.`];
    const unrelated = () => ['For problems about zebras, xylophones and quasars, consult astronomers.'];
    expect(accuracy(SEED_PROMPT, unrelated)).toBeLessThan(seedAccuracy);
    expect(accuracy(SEED_PROMPT, unrelated)).toBeGreaterThan(seedAccuracy - 0.06);
    expect(accuracy(SEED_PROMPT, relevant)).toBeGreaterThan(seedAccuracy + 0.03);
  });

  it('scores a solver given random notebook lessons below one given none, and a long block below a short one', () => {
    // A realistic notebook: the simulator's own lessons on train questions, three drawn at random
    // per test question (by a hash, so unrelated to it), rendered the way the engine renders them.
    const notebook = trainItems.slice(0, 600).map((item) => ({ lesson: lessonReply(`<QUESTION>\n${item.question}\n</QUESTION>`, trainIndex), question: item.question }));
    const random = (item: KnownItem) => splitLessons(renderLessons([0, 1, 2].map((j) => notebook[Math.floor(hashUnit(0, 'random-lesson', item.question, j) * notebook.length)]!)));
    for (const seed of [0, 7]) {
      const none = accuracy(SEED_PROMPT, () => [], seed);
      const withRandom = accuracy(SEED_PROMPT, random, seed);
      expect(withRandom).toBeLessThan(none - 0.03);
    }
    const relevant = (item: KnownItem) => [`For problems about ${item.question.split(/\s+/).slice(0, 12).join(' ')}, double-check the arithmetic.`];
    const padded = (item: KnownItem) => [...relevant(item), 'Remember that careful reading and careful writing matter in every situation you meet. '.repeat(15)];
    expect(accuracy(SEED_PROMPT, padded)).toBeLessThan(accuracy(SEED_PROMPT, relevant));
  });

  it('is deterministic for a seed and varies across seeds', () => {
    const item = testItems[0]!;
    const input = { item, systemPrompt: SEED_PROMPT, lessons: [], temperature: 0, requestSalt: 'x', seed: 3 };
    expect(judgeSolver(input)).toEqual(judgeSolver(input));
    const draws = new Set([0, 1, 2, 3, 4].map((seed) => judgeSolver({ ...input, seed }).draw));
    expect(draws.size).toBe(5);
  });

  it('writes a worked answer ending in "Answer: N", a plausible wrong number when wrong', () => {
    for (const item of testItems.slice(0, 50)) {
      const verdict = judgeSolver({ item, systemPrompt: SEED_PROMPT, lessons: [], temperature: 0, requestSalt: '', seed: 0 });
      const reply = renderSolverReply(item, verdict);
      const last = reply.trim().split('\n').at(-1)!;
      expect(last).toMatch(/^Answer: -?[\d.]+$/);
      expect(Number(last.slice('Answer: '.length)) === item.gold).toBe(verdict.correct);
      if (!verdict.correct) expect(Math.abs(verdict.predicted - item.gold)).toBeLessThanOrEqual(Math.max(10, Math.abs(item.gold) * 2, ...item.intermediates.map(Math.abs)));
    }
  });

  it('splits a lessons block into entries', () => {
    expect(splitLessons('1. first lesson\n2. second lesson')).toEqual(['1. first lesson', '2. second lesson']);
    expect(splitLessons('- a\n- b\n\nc')).toEqual(['- a', '- b', 'c']);
  });
});
