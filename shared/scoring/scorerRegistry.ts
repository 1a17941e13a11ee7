import { z } from 'zod';
import { createChoiceLetterScorer } from './choiceLetterScorer';
import { createExactMatchScorer } from './exactMatchScorer';
import { createNumericScorer, gsm8kScorer } from './numericScorer';
import { createRegexScorer } from './regexScorer';
import type { Scorer } from './types';

/** A valid JavaScript RegExp source (checked at config time, not at scoring time). */
const regexSource = z.string().min(1).refine((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

/**
 * One schema per scorer name. The config is stored in the run's first event, so every field
 * has a default: `{name: 'gsm8k'}` alone is a complete config.
 */
export const scorerConfigSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('gsm8k') }),
  z.object({
    name: z.literal('numeric'),
    absoluteTolerance: z.number().nonnegative().default(0),
    relativeTolerance: z.number().nonnegative().default(0),
  }),
  z.object({ name: z.literal('exact'), caseSensitive: z.boolean().default(false) }),
  z.object({
    name: z.literal('regex'),
    pattern: regexSource,
    flags: z.string().regex(/^[gimsuy]*$/, 'flags may only use g, i, m, s, u, y').default(''),
    group: z.union([z.number().int().nonnegative(), z.string().min(1)]).default(1),
    compare: z.enum(['exact', 'numeric']).default('exact'),
  }),
  z.object({
    name: z.literal('choice'),
    letters: z.string().regex(/^[A-Za-z]+$/, 'letters only').default('ABCDE'),
  }),
]);

export type ScorerConfig = z.output<typeof scorerConfigSchema>;
export type ScorerConfigInput = z.input<typeof scorerConfigSchema>;
export type ScorerName = ScorerConfig['name'];

/** Human-readable description of each scorer, for the UI and `--help`. */
export const scorerDescriptions: Record<ScorerName, string> = {
  gsm8k: 'GSM8K: the number on the last "Answer:" line (else the last number), compared numerically with the gold.',
  numeric: 'Numeric: same parser as GSM8K, with optional absolute / relative tolerance.',
  exact: 'Exact match after normalising whitespace, case, wrapping quotes/markdown and a trailing period.',
  regex: 'Regex: the last match of a configured pattern; a capture group is compared (exactly or numerically) with the gold.',
  choice: 'Choice letter (A-E by default) from "Answer: (B)", "the answer is B", a bare letter, or the last "(B)".',
};

export const scorerNames = Object.keys(scorerDescriptions) as ScorerName[];

/** Validates a scorer config (throws a ZodError listing the problems) and builds the scorer. */
export function createScorer(config: ScorerConfigInput): Scorer {
  const parsed = scorerConfigSchema.parse(config);
  switch (parsed.name) {
    case 'gsm8k':
      return gsm8kScorer;
    case 'numeric':
      return createNumericScorer({ absolute: parsed.absoluteTolerance, relative: parsed.relativeTolerance });
    case 'exact':
      return createExactMatchScorer({ caseSensitive: parsed.caseSensitive });
    case 'regex':
      return createRegexScorer(parsed);
    case 'choice':
      return createChoiceLetterScorer({ letters: parsed.letters });
  }
}
