import { extractAnswerText } from './extractAnswerText';
import { formatNumber, numbersEqual, parseNumber } from './parseNumber';
import { readAnswerLine, readLastNumber } from './readAnswerNumber';
import type { ScoreResult, Scorer } from './types';

export interface NumericTolerance {
  absolute: number;
  relative: number;
}

/**
 * Finds the predicted number: the number on the last "Answer:" line (an equation's result, asides
 * and clock times ignored; two different numbers = a hedge, no prediction); when there is no such
 * line, or it holds no number, the last number in the visible response (thinking removed).
 * `hedge` is the Answer line's text when it named several different numbers.
 */
export function extractPredictedNumber(response: string): { value: number | null; reason?: string; hedge?: string } {
  const { answerLine, visible } = extractAnswerText(response);
  if (answerLine !== null) {
    const reading = readAnswerLine(answerLine);
    if (reading.kind === 'number') return { value: reading.value };
    if (reading.kind === 'ambiguous') {
      const listed = reading.values.map(formatNumber).join(', ');
      return { value: null, hedge: answerLine.slice(0, 120), reason: `the "Answer:" line names several different numbers (${listed})` };
    }
  }
  const fallback = readLastNumber(visible);
  const why = answerLine === null ? 'no "Answer:" line' : '"Answer:" line holds no number';
  if (fallback !== null) return { value: fallback, reason: `${why}; used the last number in the response` };
  return { value: null, reason: `${why} and no number in the response` };
}

/** Builds a numeric scorer: prediction and gold compared as numbers, within `tolerance`. */
export function createNumericScorer(tolerance: NumericTolerance = { absolute: 0, relative: 0 }): Scorer {
  return (response, gold): ScoreResult => {
    const goldValue = parseNumber(gold);
    const predicted = extractPredictedNumber(response);
    // A hedged answer is shown as written, so critics and lessons see what the model said.
    const predictedText = predicted.value === null ? (predicted.hedge ?? null) : formatNumber(predicted.value);
    const base = { predicted: predictedText, gold, ...(predicted.reason ? { reason: predicted.reason } : {}) };
    if (goldValue === null) return { ...base, correct: false, reason: `gold "${gold}" is not a number` };
    if (predicted.value === null) return { ...base, correct: false };
    return { ...base, correct: numbersEqual(predicted.value, goldValue, tolerance) };
  };
}

/** GSM8K (method spec §6): exact numeric comparison, the same parser for train, val and test. */
export const gsm8kScorer: Scorer = createNumericScorer();
