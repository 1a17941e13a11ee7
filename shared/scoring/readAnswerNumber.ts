import { findNumbers, lastNumber, numbersEqual, type NumberMatch } from './parseNumber';

/**
 * How the numeric scorer reads one piece of text, beyond the number grammar of parseNumber.ts.
 * Three rules, each fixing a way a plain "last number" reading scores a response wrongly:
 *
 * - a clock time (`10:30`, `7:05:00`) is not a number: reading `10:30` as 30 would credit a
 *   time for an unrelated gold;
 * - a parenthesised or bracketed aside explains the answer and is not it: `18 (3 bags of 6)`
 *   reads 18 and `150 minutes (2.5 hours)` reads 150 (when numbers stand outside the aside);
 * - on an `Answer:` line, the result of an equation is what follows its last `=`, and a line that
 *   still names two different numbers (`4 and 5`, `3-5`) is a hedge: it is scored wrong rather
 *   than credited for whichever number happens to come last.
 */

/** Clock times and ratios written with colons: `10:30`, `7:05:00`. */
const CLOCK_TIME = /(?<![\d.,])\d{1,2}(?::\d{2}){1,2}(?![\d])/g;
/** Innermost parenthesised or bracketed text. */
const ASIDE = /\([^()]*\)|\[[^[\]]*\]/g;

/** Blanks clock times out (same length, so offsets stay valid). */
export function maskClockTimes(text: string): string {
  return text.replace(CLOCK_TIME, (m) => ' '.repeat(m.length));
}

/** Removes asides, nested ones included. */
export function removeAsides(text: string): string {
  let previous = '';
  let current = text;
  while (current !== previous) {
    previous = current;
    current = current.replace(ASIDE, (m) => ' '.repeat(m.length));
  }
  return current;
}

/** Numbers outside asides when there are any, else the numbers inside them (`Answer: (18)`). */
function numbersIgnoringAsides(text: string): NumberMatch[] {
  const outside = findNumbers(removeAsides(text));
  return outside.length > 0 ? outside : findNumbers(text);
}

export type AnswerLineReading =
  | { kind: 'number'; value: number }
  | { kind: 'ambiguous'; values: number[] }
  | { kind: 'none' };

/** Reads the text after an `Answer:` label (see the rules above). */
export function readAnswerLine(line: string): AnswerLineReading {
  const masked = maskClockTimes(line);
  const equals = masked.lastIndexOf('=');
  const result = equals >= 0 ? masked.slice(equals + 1) : masked;
  const numbers = numbersIgnoringAsides(result);
  if (numbers.length === 0) return { kind: 'none' };
  const first = numbers[0]!.value;
  if (numbers.every((n) => numbersEqual(n.value, first))) return { kind: 'number', value: first };
  return { kind: 'ambiguous', values: numbers.map((n) => n.value) };
}

/** The fallback without an `Answer:` line: the last number of the last line holding one, asides aside. */
export function readLastNumber(visible: string): number | null {
  const lines = maskClockTimes(visible).split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const numbers = numbersIgnoringAsides(lines[i]!);
    if (numbers.length > 0) return numbers.at(-1)!.value;
  }
  return lastNumber(maskClockTimes(visible))?.value ?? null;
}
