import { TAGS } from '../../../../shared/prompts/tags';
import type { TagName } from '../../../../shared/prompts/tags';
import type { Gsm8kIndex } from './gsm8kIndex';
import { contentWords, ERROR_KINDS, errorKindOf, KIND_DESCRIPTION, KIND_REMEDY, SKILL_FOR_KIND, SKILL_IDS, SKILLS, skillsIn } from './promptSkills';
import type { ErrorKind, SkillId } from './promptSkills';
import { blockNamed, requestedOutputTag, taggedBlocks } from './requestedOutputTag';
import { hashPick } from './seededHash';

/**
 * Replies of the non-solver roles: plausible, structured, deterministic text built from what the
 * request contains (tags from shared/prompts/tags.ts, known questions). See README.md.
 */

/** The text inside the first <TAG>…</TAG> pair, trimmed; undefined when absent. */
export function extractTag(text: string, tag: TagName | (string & {})): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text);
  return match ? match[1]!.trim() : undefined;
}

/** How a piece of feedback mentions each skill (real critics' wording included). */
const FEEDBACK_MENTIONS: Readonly<Record<SkillId, RegExp>> = {
  stepByStep: /step[- ]by[- ]step|intermediate|multi-step|lose a step|skipp?(ed|ing)? (a )?step/i,
  checkArithmetic: /arithmetic|calculation|computation|miscalculat|slips?\b/i,
  reRead: /re-?read|different (question|quantity)|what is asked|misread|misunderst/i,
  units: /\bunits?\b|percentag|convert/i,
  answerFormat: /format|answer:? line|last line|final line/i,
};

/**
 * An optimizer system prompt that asks for general, concise edits (see README: "Optimizer"). Any
 * wording of that request counts, the shipped seed instructions' "keep it general" as much as a
 * meta-controller's rewrite, so the rule rewards what Q says, never which method wrote it.
 */
const GENERALIZE = /concise|\bgeneral\b|generali[sz]e|avoid (adding )?(problem|item|example|question)[- ]specific|problem-specific|overfit/i;

/** Lines the simulated optimizer adds when it has nothing general left to add: they only lengthen P. */
const NARROW_RULE = /^When a problem involves .*$/gm;

/**
 * The most topical words of a text: content words, longest first, skipping names (words that
 * appear capitalised mid-sentence), since a lesson about "Natalia" transfers to nothing.
 */
function topWords(text: string, count: number): string[] {
  const names = new Set((text.match(/(?<![.!?]\s|^)\b[A-Z][a-z]+/gm) ?? []).map((word) => word.toLowerCase()));
  return [...contentWords(text)].filter((word) => !names.has(word)).sort((a, b) => b.length - a.length || a.localeCompare(b)).slice(0, count);
}

/**
 * The text without its <LESSONS> blocks: a retrieved lesson may quote the question it came from,
 * and counting that as one more example would make the replies depend on whether the request came
 * from a notebook method.
 */
function withoutLessons(text: string): string {
  return text.replace(new RegExp(`<${TAGS.lessons}>[\\s\\S]*?</${TAGS.lessons}>`, 'g'), ' ');
}

function kindsOf(index: Gsm8kIndex, text: string): ErrorKind[] {
  return index.findAll(withoutLessons(text)).map((item) => errorKindOf(item.question, item.steps.length));
}

function mostCommon<T extends string>(values: readonly T[], order: readonly T[]): T | undefined {
  let best: T | undefined;
  let bestCount = 0;
  for (const value of order) {
    const count = values.filter((v) => v === value).length;
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

/** Critic: names the missing skill behind the most common error kind among the request's items. */
export function criticReply(text: string, index: Gsm8kIndex, seed: number): string {
  const prompt = extractTag(text, TAGS.currentPrompt) ?? text;
  const present = skillsIn(prompt);
  const kinds = kindsOf(index, text);
  const uncovered = kinds.filter((kind) => !present.has(SKILL_FOR_KIND[kind]));
  const kind = mostCommon(uncovered, ERROR_KINDS);
  if (kind) {
    const skill = SKILLS[SKILL_FOR_KIND[kind]];
    const count = uncovered.filter((k) => k === kind).length;
    return `The system prompt has a gap: ${skill.critique}. In ${count} of the ${kinds.length} examples the mistake is ${KIND_DESCRIPTION[kind]}. ` +
      `Add an instruction such as: "${skill.instruction}"`;
  }
  const missing = SKILL_IDS.filter((id) => !present.has(id));
  if (missing.length > 0) {
    const skill = SKILLS[hashPick(missing, seed, 'critic', text)];
    return `The system prompt could be more explicit: ${skill.critique}. Add an instruction such as: "${skill.instruction}"`;
  }
  const words = topWords(text.replace(prompt, ''), 2);
  return `The prompt already covers the common failure modes; the remaining errors look specific to problems about ${words.join(' and ') || 'these topics'}.`;
}

/** The optimizer's new prompt (without tags). Exported for tests and the README's examples. */
export function improvePrompt(current: string, feedback: string, optimizerInstructions: string): string {
  const present = skillsIn(current);
  const mentioned = SKILL_IDS.filter((id) => FEEDBACK_MENTIONS[id].test(feedback) && !present.has(id))
    .sort((a, b) => feedback.search(FEEDBACK_MENTIONS[a]) - feedback.search(FEEDBACK_MENTIONS[b]));
  const next = mentioned[0];
  if (next) return `${current.trim()}\n${SKILLS[next].instruction}`.trim();
  if (GENERALIZE.test(optimizerInstructions)) {
    // Told to stay general: drop the most recent problem-specific rule, if any.
    const narrow = [...current.matchAll(NARROW_RULE)];
    const last = narrow.at(-1);
    return last ? `${current.slice(0, last.index)}${current.slice(last.index + last[0].length)}`.replace(/\n{2,}/g, '\n').trim() : current.trim();
  }
  const words = topWords(feedback, 2);
  if (words.length < 2) return current.trim();
  return `${current.trim()}\nWhen a problem involves ${words[0]} and ${words[1]}, compute each quantity separately before combining them.`;
}

/**
 * Optimizer: the prompt under optimization plus one instruction picked from the feedback, inside
 * the tag pair the request asks for. Ours sends <CURRENT_PROMPT> and <FEEDBACK> and asks for
 * <IMPROVED_VARIABLE>; another tool's request is read by its own tag names (a block named like a
 * variable or prompt, a block named like feedback, the reply tag it names).
 */
export function optimizerReply(systemText: string, userText: string, withTags: boolean): string {
  const outputTag = requestedOutputTag(`${systemText}\n${userText}`) ?? TAGS.improvedPrompt;
  const blocks = taggedBlocks(userText);
  const current = extractTag(userText, TAGS.currentPrompt) ?? blockNamed(blocks, /variable|prompt|instruction|text/i, outputTag) ?? '';
  // Every <FEEDBACK> block counts: a request may carry one per exchange.
  const ours = [...userText.matchAll(new RegExp(`<${TAGS.feedback}>([\\s\\S]*?)</${TAGS.feedback}>`, 'g'))].map((match) => match[1]!.trim());
  const feedback = (ours.length ? ours.join('\n') : undefined) ?? blockNamed(blocks, /feedback|critique|criticism|gradient/i, outputTag) ?? userText;
  const improved = improvePrompt(current, feedback, systemText);
  return withTags
    ? `I applied the most important point of the feedback.\n<${outputTag}>\n${improved}\n</${outputTag}>`
    : `I applied the most important point of the feedback. Here is the new prompt:\n${improved}`;
}

/** Lesson writer: one reusable sentence naming the topic (content words) and the remedy for its kind. */
export function lessonReply(text: string, index: Gsm8kIndex): string {
  const item = index.findAll(withoutLessons(text))[0];
  const question = item?.question ?? extractTag(text, TAGS.question) ?? text;
  const kind: ErrorKind = item ? errorKindOf(item.question, item.steps.length) : 'arithmetic';
  const words = topWords(question, 5);
  const topic = words.length ? `problems about ${words.join(', ')}` : 'problems like this';
  return `For ${topic}, ${KIND_REMEDY[kind]}.`;
}

/** Reflector: recurring error kinds, the validation trend when percentages are present, prompt growth. */
export function reflectorReply(text: string, index: Gsm8kIndex): string {
  const parts: string[] = [];
  const kinds = kindsOf(index, text);
  const ranked = ERROR_KINDS.map((kind) => [kind, kinds.filter((k) => k === kind).length] as const).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  parts.push(ranked.length
    ? `Recurring errors this epoch: ${ranked.map(([kind, n]) => `${KIND_DESCRIPTION[kind]} (${n})`).join('; ')}.`
    : 'No recurring error type stands out this epoch.');
  const percents = [...text.matchAll(/(\d+(?:\.\d+)?)\s*%/g)].map((m) => Number(m[1]));
  if (percents.length >= 2) {
    const first = percents[0]!;
    const last = percents.at(-1)!;
    parts.push(last < first ? `Validation accuracy fell from ${first}% to ${last}%: recent edits hurt.` : last > first ? `Validation accuracy rose from ${first}% to ${last}%.` : `Validation accuracy stayed at ${last}%.`);
  }
  const narrow = (text.match(NARROW_RULE) ?? []).length;
  if (narrow >= 2) parts.push(`The prompt is accumulating ${narrow} problem-specific rules; general instructions would transfer better.`);
  return parts.join(' ');
}

/** Meta-controller: <CURRENT_OPTIMIZER_INSTRUCTIONS> plus one instruction drawn from <REFLECTION>. */
export function metaControllerReply(text: string, withTags: boolean): string {
  const current = extractTag(text, TAGS.currentInstructions) ?? '';
  const reflection = extractTag(text, TAGS.reflection) ?? text;
  let addition: string;
  if (/problem-specific|overfit|fell|dropped|declin|hurt/i.test(reflection)) {
    addition = 'Prefer general instructions that apply to many problems over problem-specific rules, and keep the prompt concise.';
  } else {
    const kind = ERROR_KINDS.find((k) => reflection.includes(KIND_DESCRIPTION[k]));
    addition = kind ? `When editing the prompt, address ${KIND_DESCRIPTION[kind]} first.` : 'Make one focused change per step and keep the required output format.';
  }
  const updated = current.includes(addition) ? current : `${current}\n${addition}`.trim();
  return withTags
    ? `<${TAGS.optimizerInstructions}>\n${updated}\n</${TAGS.optimizerInstructions}>`
    : `Updated instructions:\n${updated}`;
}
