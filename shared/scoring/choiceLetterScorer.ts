import { stripThinking } from '../prompts/stripThinking';
import type { Scorer } from './types';

function escapeForClass(letters: string): string {
  return letters.replace(/[\]\\^-]/g, '\\$&');
}

/**
 * Multiple-choice letters. Looks, in order of confidence, for the last of:
 * "Answer: (B)" / "Answer: B" / "**Answer:** B", then "the answer is (B)" / "answer is B",
 * then a response that is just the letter ("B", "(B)", "B."), then the last "(B)" anywhere.
 * Letters are case-insensitive on input and reported upper-case.
 */
export function createChoiceLetterScorer(options: { letters: string }): Scorer {
  const cls = `[${escapeForClass(options.letters.toUpperCase() + options.letters.toLowerCase())}]`;
  const patterns = [
    new RegExp(String.raw`\banswer\s*\**\s*[:\uff1a]\s*\**\s*[(\[]?(${cls})(?![A-Za-z])`, 'gi'),
    new RegExp(String.raw`\banswer\s+is\s*:?\s*\**\s*[(\[]?(${cls})(?![A-Za-z])`, 'gi'),
    new RegExp(String.raw`^\s*\**\s*[(\[]?(${cls})[)\].]?\s*\**\s*$`, 'g'),
    new RegExp(String.raw`\((${cls})\)`, 'g'),
  ];
  return (response, gold) => {
    const visible = stripThinking(response).text;
    const goldLetter = gold.trim().replace(/^[(\[]|[)\].]$/g, '').toUpperCase();
    for (const pattern of patterns) {
      const matches = [...visible.matchAll(pattern)];
      const last = matches[matches.length - 1];
      if (last?.[1]) {
        const predicted = last[1].toUpperCase();
        return { correct: predicted === goldLetter, predicted, gold };
      }
    }
    return { correct: false, predicted: null, gold, reason: 'no choice letter found' };
  };
}
