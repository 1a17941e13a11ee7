import { z } from 'zod';

/**
 * One question with its gold answer. `answer` is the gold FINAL answer as a string (for GSM8K the
 * number after `####`, commas removed); `solution` is the full worked solution when known.
 */
export const datasetItemSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  answer: z.string().min(1),
  solution: z.string().optional(),
});

export type DatasetItem = z.infer<typeof datasetItemSchema>;

/**
 * A dataset as the engine sees it: its items, split into the official `train` and `test` parts
 * when the source has them (GSM8K), or everything in `train` with `test: null` (an imported file).
 */
export interface DatasetParts {
  train: readonly DatasetItem[];
  test: readonly DatasetItem[] | null;
}

/** A loaded dataset with its identity. */
export interface Dataset extends DatasetParts {
  name: string;
  /** sha256 of the canonical item serialisation (see datasetContentHash). */
  hash: string;
  /** Where it came from: 'builtin' or the import format. */
  source: 'builtin' | 'jsonl' | 'json' | 'csv';
}
