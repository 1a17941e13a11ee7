/**
 * The one number grammar used for gold answers and predictions alike (train, val and test).
 *
 * Accepted: an optional sign (`-`, `+`, or the Unicode minus `−`), an optional `$`, digits with or
 * without thousands commas (`1,234`), decimals (`2.50`, `.5`), scientific notation (`1.5e3`), a
 * simple fraction (`1/2` is read as 0.5 — decision: a fraction is its value), and an optional
 * trailing `%` (dropped: `50%` is 50, because GSM8K golds are stated in the question's unit).
 * A trailing sentence period is not part of the number (`42.` is 42). A number glued to a letter
 * in front (`x2`, `H2O`) is not taken. A sign must touch the number or its `$` (`- 5` in a markdown
 * bullet is 5, not -5). A mixed number (`1 1/2`, a whole number, one space, a proper fraction) is
 * one number, its value (1.5).
 */
const NUMBER_SOURCE =
  String.raw`(?<![A-Za-z0-9_.])([-+\u2212]?)(?:\$\s?)?([-\u2212]?)` +
  String.raw`((?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+)` +
  String.raw`(?:[eE]([-+]?\d+))?` +
  String.raw`(?:\s?\/\s?(\d+(?:\.\d+)?))?` +
  String.raw`(\s?%)?`;

export interface NumberMatch {
  /** The numeric value. */
  value: number;
  /** The text as it appeared. */
  text: string;
  /** Offset in the searched text. */
  index: number;
}

/** All numbers in `text`, left to right. */
export function findNumbers(text: string): NumberMatch[] {
  const found: NumberMatch[] = [];
  for (const m of text.matchAll(new RegExp(NUMBER_SOURCE, 'g'))) {
    const [whole, sign1 = '', sign2 = '', digits = '', exponent, denominator] = m;
    let value = Number(digits.replace(/,/g, ''));
    if (exponent !== undefined) value *= 10 ** Number(exponent);
    if (denominator !== undefined) {
      const den = Number(denominator);
      if (den === 0) continue; // "1/0" is not a number; skip it rather than return Infinity
      value /= den;
    }
    const negative = /[-\u2212]/.test(sign1) !== /[-\u2212]/.test(sign2);
    if (negative) value = -value;
    if (!Number.isFinite(value)) continue;
    const previous = found.at(-1);
    const proper = denominator !== undefined && !negative && exponent === undefined && Math.abs(value) < 1 && !whole.includes('%');
    if (proper && previous && Number.isInteger(previous.value) && previous.index + previous.text.length + 1 === m.index && text[m.index - 1] === ' ') {
      // "1 1/2": the whole part and the fraction are one number, not two.
      const merged = previous.value < 0 ? previous.value - value : previous.value + value;
      found[found.length - 1] = { value: merged, text: `${previous.text} ${whole.trim()}`, index: previous.index };
      continue;
    }
    found.push({ value, text: whole.trim(), index: m.index });
  }
  return found;
}

/** The last number in `text`, or null. */
export function lastNumber(text: string): NumberMatch | null {
  const all = findNumbers(text);
  return all.length > 0 ? all[all.length - 1]! : null;
}

/**
 * Parses a whole string that should be one number (a gold answer such as "1,000", "-3", "$5").
 * Returns null when the string holds no number or more than one.
 */
export function parseNumber(text: string): number | null {
  const all = findNumbers(text.trim());
  return all.length === 1 ? all[0]!.value : null;
}

/** Canonical text of a number for `predicted` ("1000", "0.5", "-5"; -0 prints as "0"). */
export function formatNumber(value: number): string {
  if (Object.is(value, -0)) return '0';
  // Round away binary noise (0.1 + 0.2) without changing any value a person would write.
  return String(Number(value.toPrecision(15)));
}

/** Numeric equality with an absolute and a relative tolerance (both 0 by default, plus float noise). */
export function numbersEqual(a: number, b: number, tolerance = { absolute: 0, relative: 0 }): boolean {
  const diff = Math.abs(a - b);
  const scale = Math.max(Math.abs(a), Math.abs(b));
  // 1e-9 relative absorbs float noise only (2.50 vs 2.5 is already exact).
  return diff <= tolerance.absolute || diff <= scale * Math.max(tolerance.relative, 1e-9);
}
