import { stripThinking } from '../prompts/stripThinking';
import { normalizeText } from './normalizeText';
import { numbersEqual, parseNumber, formatNumber } from './parseNumber';
import type { Scorer } from './types';

export interface RegexScorerOptions {
  pattern: string;
  flags: string;
  /** Capture group holding the answer: a number or a group name. 0 = the whole match. */
  group: number | string;
  /** How the captured text is compared with the gold. */
  compare: 'exact' | 'numeric';
}

/** Scores by the LAST match of a configured pattern in the visible response. */
export function createRegexScorer(options: RegexScorerOptions): Scorer {
  const flags = options.flags.includes('g') ? options.flags : `${options.flags}g`;
  const pattern = new RegExp(options.pattern, flags);
  return (response, gold) => {
    const matches = [...stripThinking(response).text.matchAll(pattern)];
    const last = matches[matches.length - 1];
    const captured =
      last === undefined ? undefined : typeof options.group === 'number' ? last[options.group] : last.groups?.[options.group];
    if (captured === undefined) {
      return { correct: false, predicted: null, gold, reason: last ? 'capture group did not participate' : 'pattern not found' };
    }
    if (options.compare === 'numeric') {
      const p = parseNumber(captured);
      const g = parseNumber(gold);
      if (p === null) return { correct: false, predicted: captured, gold, reason: 'captured text is not a number' };
      return { correct: g !== null && numbersEqual(p, g), predicted: formatNumber(p), gold };
    }
    const predicted = normalizeText(captured);
    return { correct: predicted === normalizeText(gold), predicted, gold };
  };
}
