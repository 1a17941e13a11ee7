/**
 * Normalisation for exact-match answers: trims, collapses whitespace, strips wrapping markdown
 * emphasis, quotes and brackets and one trailing period, and lowercases unless asked not to.
 */
export function normalizeText(text: string, options: { caseSensitive?: boolean } = {}): string {
  let t = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  // Strip wrappers repeatedly: **"Paris".** -> Paris
  for (let previous = ''; previous !== t; ) {
    previous = t;
    t = t.replace(/^[*_`"'“‘(\[]+|[*_`"'”’)\]]+$/g, '').replace(/\.$/, '').trim();
  }
  return options.caseSensitive ? t : t.toLowerCase();
}
