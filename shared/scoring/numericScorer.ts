import { extractAnswerText } from './extractAnswerText';
import { formatNumber, lastNumber, numbersEqual, parseNumber } from './parseNumber';
import type { ScoreResult, Scorer } from './types';

export interface NumericTolerance {
  absolute: number;
  relative: number;
}

/**
 * Finds the predicted number: the last number on the last "Answer:" line; when there is no such
 * line, or it holds no number, the last number in the visible response (thinking removed).
 */
export function extractPredictedNumber(response: string): { value: number | null; reason?: string } {
  const { answerLine, visible } = extractAnswerText(response);
  if (answerLine !== null) {
    const onLine = lastNumber(answerLine);
    if (onLine) return { value: onLine.value };
  }
  const fallback = lastNumber(visible);
  const why = answerLine === null ? 'no "Answer:" line' : '"Answer:" line holds no number';
  if (fallback) return { value: fallback.value, reason: `${why}; used the last number in the response` };
  return { value: null, reason: `${why} and no number in the response` };
}

/** Builds a numeric scorer: prediction and gold compared as numbers, within `tolerance`. */
export function createNumericScorer(tolerance: NumericTolerance = { absolute: 0, relative: 0 }): Scorer {
  return (response, gold): ScoreResult => {
    const goldValue = parseNumber(gold);
    const predicted = extractPredictedNumber(response);
    const predictedText = predicted.value === null ? null : formatNumber(predicted.value);
    const base = { predicted: predictedText, gold, ...(predicted.reason ? { reason: predicted.reason } : {}) };
    if (goldValue === null) return { ...base, correct: false, reason: `gold "${gold}" is not a number` };
    if (predicted.value === null) return { ...base, correct: false };
    return { ...base, correct: numbersEqual(predicted.value, goldValue, tolerance) };
  };
}

/** GSM8K (method spec §6): exact numeric comparison, the same parser for train, val and test. */
export const gsm8kScorer: Scorer = createNumericScorer();
