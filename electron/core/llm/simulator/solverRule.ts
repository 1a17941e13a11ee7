import type { KnownItem } from './gsm8kIndex';
import { contentWords, errorKindOf, KIND_REMEDY_PATTERN, sharedCount, SKILL_FOR_KIND, SKILL_IDS, skillsIn } from './promptSkills';
import type { ErrorKind, SkillId } from './promptSkills';
import { hashPick, hashUnit } from './seededHash';

/**
 * The simulated solver's rule, documented in README.md ("The solver rule"). Every constant is
 * here so the documentation and the code cannot drift apart.
 */
export const SOLVER_RULE = {
  /** Chance-level competence with an empty prompt, before the adjustments below. */
  base: 0.6,
  /** Any prompt asking for step-by-step work helps every item a little. */
  stepByStepBonus: 0.06,
  /** The skill that prevents the item's error kind is present in the system prompt. */
  matchingSkillBonus: 0.14,
  /** Each present skill that does not match the item's kind (general care). */
  otherSkillBonus: 0.015,
  /** No 'Answer:' format instruction: trailing numbers get read as the answer. */
  missingFormatPenalty: 0.08,
  /** Per solution step beyond three. */
  stepPenalty: 0.04,
  /** Prompt length (words) beyond which each extra word costs lengthPenaltyPerWord. */
  lengthFreeWords: 120,
  lengthPenaltyPerWord: 0.001,
  lengthPenaltyMax: 0.15,
  /**
   * Lessons: content words a lesson shares with the question. A lesson sharing fewer than
   * lessonRelevantShared words is irrelevant to the item: it helps nothing and distracts. The
   * bonus of the most relevant lesson grows linearly up to lessonSharedFull shared words.
   */
  lessonRelevantShared: 2,
  lessonSharedFull: 4,
  lessonOverlapBonus: 0.2,
  /** Some relevant lesson gives the remedy for the item's error kind. */
  lessonKindBonus: 0.06,
  /** Distraction: each irrelevant lesson in the block costs this much, up to the maximum. */
  irrelevantLessonPenalty: 0.03,
  irrelevantLessonPenaltyMax: 0.09,
  /** Distraction: a lesson block longer than lessonFreeWords words costs per extra word, up to the maximum. */
  lessonFreeWords: 100,
  lessonPenaltyPerWord: 0.0005,
  lessonLengthPenaltyMax: 0.06,
  /** Bounds of the success threshold: some items are always solved, some never. */
  minThreshold: 0.03,
  maxThreshold: 0.95,
  /** With temperature t, the item's draw moves by up to ±(t * temperatureSpread / 2). */
  temperatureSpread: 0.3,
} as const;

export interface SolverRuleInput {
  item: KnownItem;
  systemPrompt: string;
  /** Lesson entries from the <LESSONS> block (one per entry). */
  lessons: readonly string[];
  temperature: number;
  /** Identifies this exact request: varies the draw only when temperature > 0. */
  requestSalt: string;
  seed: number;
}

export interface SolverVerdict {
  correct: boolean;
  predicted: number;
  kind: ErrorKind;
  /** The success threshold s; the item is right when draw < s. */
  threshold: number;
  draw: number;
  skills: SkillId[];
  /** Most content words any one lesson shares with the question. */
  lessonOverlap: number;
  /** Lessons in the block that share too few content words with the question to help. */
  irrelevantLessons: number;
}

/** Splits a <LESSONS> block into entries: numbered / bulleted lines, or blank-line-separated paragraphs. */
export function splitLessons(block: string): string[] {
  return block.split(/\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)/).map((entry) => entry.trim()).filter(Boolean);
}

/** A plausible wrong answer: an intermediate value of the solution, or the gold off by a little. */
export function plausibleWrongNumber(item: KnownItem, seed: number): number {
  const candidates = [
    ...item.intermediates.filter((value) => value !== item.gold),
    item.gold + 1,
    item.gold - 1,
    item.gold + 10,
    Math.round(item.gold * 1.5),
    item.gold * 2,
  ].filter((value) => value !== item.gold && Number.isFinite(value));
  return hashPick(candidates, seed, 'wrong', item.question);
}

interface LessonEffect { bonus: number; penalty: number; overlap: number; irrelevant: number }

/**
 * What a block of retrieved lessons does to the success threshold: relevant lessons help (word
 * overlap with the question, the remedy for the item's kind); irrelevant lessons and a long block
 * distract, as extra context does a real model. Without this cost retrieval could only help, and
 * a method retrieving anything at all would be rewarded for it.
 */
function lessonEffect(lessons: readonly string[], questionWords: Set<string>, kind: ErrorKind): LessonEffect {
  const rule = SOLVER_RULE;
  let overlap = 0;
  let irrelevant = 0;
  let kindLesson = false;
  let words = 0;
  for (const lesson of lessons) {
    words += lesson.split(/\s+/).filter(Boolean).length;
    const shared = sharedCount(contentWords(lesson), questionWords);
    overlap = Math.max(overlap, shared);
    if (shared < rule.lessonRelevantShared) irrelevant += 1;
    else if (KIND_REMEDY_PATTERN[kind].test(lesson)) kindLesson = true;
  }
  const relevantOverlap = overlap >= rule.lessonRelevantShared ? overlap : 0;
  const bonus = rule.lessonOverlapBonus * Math.min(1, relevantOverlap / rule.lessonSharedFull) + (kindLesson ? rule.lessonKindBonus : 0);
  const penalty = Math.min(rule.irrelevantLessonPenaltyMax, rule.irrelevantLessonPenalty * irrelevant) +
    Math.min(rule.lessonLengthPenaltyMax, rule.lessonPenaltyPerWord * Math.max(0, words - rule.lessonFreeWords));
  return { bonus, penalty, overlap, irrelevant };
}

/**
 * Decides whether the simulated solver gets `item` right: draw u (a hash of the seed and the
 * question) against threshold s (a sum of prompt, lesson and difficulty terms). Pure.
 */
export function judgeSolver(input: SolverRuleInput): SolverVerdict {
  const rule = SOLVER_RULE;
  const { item } = input;
  const kind = errorKindOf(item.question, item.steps.length);
  const skills = skillsIn(input.systemPrompt);
  let threshold: number = rule.base;
  if (skills.has('stepByStep')) threshold += rule.stepByStepBonus;
  if (!skills.has('answerFormat')) threshold -= rule.missingFormatPenalty;
  const matching = SKILL_FOR_KIND[kind];
  for (const id of SKILL_IDS) {
    if (!skills.has(id) || id === 'answerFormat') continue;
    threshold += id === matching ? rule.matchingSkillBonus : rule.otherSkillBonus;
  }
  threshold -= rule.stepPenalty * Math.max(0, item.steps.length - 3);
  const words = input.systemPrompt.split(/\s+/).filter(Boolean).length;
  threshold -= Math.min(rule.lengthPenaltyMax, rule.lengthPenaltyPerWord * Math.max(0, words - rule.lengthFreeWords));

  const lessons = lessonEffect(input.lessons, contentWords(item.question), kind);
  threshold += lessons.bonus - lessons.penalty;
  threshold = Math.min(rule.maxThreshold, Math.max(rule.minThreshold, threshold));

  let draw = hashUnit(input.seed, 'item', item.question);
  if (input.temperature > 0) {
    draw += (hashUnit(input.seed, 'sample', input.requestSalt) - 0.5) * rule.temperatureSpread * Math.min(1, input.temperature);
  }
  const correct = draw < threshold;
  return {
    correct,
    predicted: correct ? item.gold : plausibleWrongNumber(item, input.seed),
    kind,
    threshold,
    draw,
    skills: [...skills],
    lessonOverlap: lessons.overlap,
    irrelevantLessons: lessons.irrelevant,
  };
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

/** The solver's reply text for a verdict: a short worked answer ending in the answer line. */
export function renderSolverReply(item: KnownItem, verdict: SolverVerdict): string {
  const showSteps = verdict.skills.includes('stepByStep');
  const steps = showSteps ? item.steps : item.steps.slice(-1);
  const lines = verdict.correct ? [...steps] : [...steps.slice(0, -1), `So the result is ${formatNumber(verdict.predicted)}.`];
  if (showSteps) lines.unshift("Let's work through it step by step.");
  const answer = formatNumber(verdict.predicted);
  lines.push(verdict.skills.includes('answerFormat') ? `Answer: ${answer}` : `The answer is ${answer}.`);
  return lines.join('\n');
}
