import { extractAnswerText } from './extractAnswerText';
import { normalizeText } from './normalizeText';
import type { Scorer } from './types';

/**
 * Normalised exact match. The prediction is the text on the last "Answer:" line, or, without
 * one, the last non-empty line of the visible response.
 */
export function createExactMatchScorer(options: { caseSensitive: boolean }): Scorer {
  return (response, gold) => {
    const { answerLine, visible } = extractAnswerText(response);
    const lines = visible.split(/\r?\n/).filter((l) => l.trim() !== '');
    const raw = answerLine ?? lines[lines.length - 1] ?? null;
    if (raw === null || normalizeText(raw, options) === '') {
      return { correct: false, predicted: null, gold, reason: 'empty response' };
    }
    const predicted = normalizeText(raw, options);
    return {
      correct: predicted === normalizeText(gold, options),
      predicted,
      gold,
      ...(answerLine === null ? { reason: 'no "Answer:" line; used the last line' } : {}),
    };
  };
}
