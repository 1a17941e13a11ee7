import { diffWordsWithSpace } from 'diff';

export type DiffSpanKind = 'same' | 'added' | 'removed';
export interface DiffSpan {
  kind: DiffSpanKind;
  text: string;
}

/**
 * Word-level diff of two prompt versions, as plain text spans. The `diff` package computes it
 * (no hand-written LCS); rendering is left to React text nodes, so prompt text (LLM output) is
 * never interpreted as HTML.
 */
export function promptDiffSpans(before: string, after: string): DiffSpan[] {
  return diffWordsWithSpace(before, after).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}

/** Counts of added and removed words, for the diff header. */
export function diffStats(spans: readonly DiffSpan[]): { added: number; removed: number } {
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  let added = 0;
  let removed = 0;
  for (const span of spans) {
    if (span.kind === 'added') added += words(span.text);
    if (span.kind === 'removed') removed += words(span.text);
  }
  return { added, removed };
}
