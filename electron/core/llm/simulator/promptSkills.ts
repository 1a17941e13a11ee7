/**
 * The instruction "skills" the simulated solver responds to, and the error kinds they prevent.
 * A skill is present in a text when its pattern matches; the optimizer simulation adds a skill by
 * appending its instruction. These are generic prompt-engineering advice for arithmetic word
 * problems; nothing here knows any method or engine template.
 */
export const SKILL_IDS = ['stepByStep', 'checkArithmetic', 'reRead', 'units', 'answerFormat'] as const;
export type SkillId = (typeof SKILL_IDS)[number];

/** The kinds of mistakes a GSM8K item is prone to (one per item). */
export const ERROR_KINDS = ['multistep', 'arithmetic', 'misread', 'units'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface Skill {
  id: SkillId;
  pattern: RegExp;
  /** The sentence the simulated optimizer appends to add this skill. */
  instruction: string;
  /** How the simulated critic describes its absence. */
  critique: string;
}

export const SKILLS: Readonly<Record<SkillId, Skill>> = {
  stepByStep: {
    id: 'stepByStep',
    pattern: /step[- ]by[- ]step|show (all |your )?(work|steps|reasoning)|reason (carefully|through)|break (the problem|it) down|intermediate (result|step)/i,
    instruction: 'Work through the problem step by step, writing down each intermediate result.',
    critique: 'the prompt does not ask for step-by-step work, so multi-step problems lose a step',
  },
  checkArithmetic: {
    id: 'checkArithmetic',
    pattern: /(double[- ]?check|verify|re-?check|recompute|re-?calculate)\b[^.]{0,40}\b(arithmetic|calculation|computation|math|sums?|products?|results?|operations?)/i,
    instruction: 'Double-check every arithmetic operation before moving on.',
    critique: 'several answers contain arithmetic slips that the prompt never asks the model to verify',
  },
  reRead: {
    id: 'reRead',
    pattern: /re-?read|read the (question|problem) (again|carefully)|exactly what (is|was) asked|restate the question/i,
    instruction: 'Re-read the question before answering to make sure you answer exactly what is asked.',
    critique: 'some answers solve a different question than the one asked (a total instead of the remainder, or the wrong person)',
  },
  units: {
    id: 'units',
    pattern: /\bunits?\b|convert (all |every )?(quantities|units|values)|percentages? (to|into|as) (a )?(fractions?|decimals?)/i,
    instruction: 'Keep track of units (hours and minutes, percentages and fractions, dollars and cents) and convert them before combining quantities.',
    critique: 'answers mix units (minutes with hours, percentages with plain numbers) because the prompt does not mention units',
  },
  answerFormat: {
    id: 'answerFormat',
    pattern: /answer:\s*['"]?\s*\$?\s*(value|number|<|\[|\{|x\b|n\b)|last line[^.]{0,80}answer/i,
    instruction: "End with a final line of the form 'Answer: $VALUE' where VALUE is a number.",
    critique: "answers do not end with a clear 'Answer:' line, so extra numbers at the end get read as the answer",
  },
};

/** The skill that prevents each error kind. */
export const SKILL_FOR_KIND: Readonly<Record<ErrorKind, SkillId>> = {
  multistep: 'stepByStep',
  arithmetic: 'checkArithmetic',
  misread: 'reRead',
  units: 'units',
};

export function skillsIn(text: string): Set<SkillId> {
  return new Set(SKILL_IDS.filter((id) => SKILLS[id].pattern.test(text)));
}

const UNIT_WORDS = /%|percent|\bhours?\b.*\bminutes?\b|\bminutes?\b.*\bhours?\b|\bcents?\b|\bdozens?\b|\bfeet\b.*\binch|\binch.*\bfeet\b|\bmph\b|per hour|\bweeks?\b.*\bdays?\b|\bdays?\b.*\bweeks?\b|\bpounds?\b.*\bounces?\b/i;
const MISREAD_WORDS = /how many more|how much more|\bleft\b|remain|\bfewer\b|less than|difference|\brest\b|how much (money )?(did|does|will) .* (save|have left|lose)|\bchange\b/i;

/**
 * The error kind of a question, from its text and the length of its worked solution:
 * unit words first, then "remainder/difference" phrasing, then long chains (>= 4 steps),
 * else plain arithmetic.
 */
export function errorKindOf(question: string, stepCount: number): ErrorKind {
  if (UNIT_WORDS.test(question)) return 'units';
  if (MISREAD_WORDS.test(question)) return 'misread';
  if (stepCount >= 4) return 'multistep';
  return 'arithmetic';
}

/** Human description of an error kind (critic, reflector, lesson writer). */
export const KIND_DESCRIPTION: Readonly<Record<ErrorKind, string>> = {
  multistep: 'a lost intermediate step in a multi-step calculation',
  arithmetic: 'an arithmetic slip',
  misread: 'answering a different quantity than the one asked',
  units: 'mixing units or percentages',
};

/** The remedy sentence a lesson gives for each kind (contains the skill's wording on purpose). */
export const KIND_REMEDY: Readonly<Record<ErrorKind, string>> = {
  multistep: 'work step by step and write down every intermediate result before combining them',
  arithmetic: 'double-check the arithmetic of each calculation before using the result',
  misread: 're-read the question at the end and answer exactly what is asked, such as what is left or the difference',
  units: 'convert all quantities to the same units (and percentages to fractions) before combining them',
};

/**
 * Whether a lesson gives the remedy for a kind: the skill's own pattern, or the wording a lesson
 * naturally uses ("check the arithmetic", "convert", "what is left").
 */
export const KIND_REMEDY_PATTERN: Readonly<Record<ErrorKind, RegExp>> = {
  multistep: /step[- ]by[- ]step|intermediate|every step|each step/i,
  arithmetic: /arithmetic|calculation|computation|double-check|recompute/i,
  misread: /re-?read|exactly what is asked|what is left|the difference|what the question asks/i,
  units: /\bunits?\b|convert|percentages?|fractions?/i,
};

const STOPWORDS = new Set(
  ('the a an and or of to in on at for with by from is are was were be been has have had do does did how many much what which who whom whose ' +
    'this that these those it its his her their they them he she we you i if then than each every per as into out up down more less total ' +
    'there here will would can could should may might also only just all any some other another one two three four five six seven eight nine ten ' +
    'after before over under about same so such not no yes own while when where why your our my me him us am problem problems question questions').split(' '),
);

/** Content words: lowercase alphabetic tokens of 3+ letters, minus stopwords. */
export function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[a-z]{3,}/g) ?? [];
  return new Set(words.filter((word) => !STOPWORDS.has(word)));
}

/** Number of words two sets share. */
export function sharedCount(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared;
}
