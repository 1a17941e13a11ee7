import { sha256Hex } from './sha256Hex';

/**
 * Content address of a dataset: sha256 over the canonical serialisation of its items — a JSON
 * array of `[id, question, answer]` triples in item order. Only those three fields count, so the
 * same items give the same hash whatever file format they came from (and `solution` or source
 * metadata never changes a dataset's identity).
 */
export function datasetContentHash(items: ReadonlyArray<{ id: string; question: string; answer: string }>): string {
  return sha256Hex(canonicalDatasetText(items));
}

/** The exact text that is hashed (exported so tests and other tools can reproduce the hash). */
export function canonicalDatasetText(items: ReadonlyArray<{ id: string; question: string; answer: string }>): string {
  return JSON.stringify(items.map((item) => [item.id, item.question, item.answer]));
}
