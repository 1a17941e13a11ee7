import { z } from 'zod';

const size = z.number().int().nonnegative();
const seed = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * Which items a run trains, validates and tests on. Presets follow the method spec §5;
 * `custom` takes any sizes. Seeds feed `PythonRandom`, so any split is reproducible in Python.
 */
export const splitSpecSchema = z.discriminatedUnion('preset', [
  /** DSPy's GSM8K split: the seed is fixed at 0 by definition. */
  z.object({ preset: z.literal('textgrad-dspy') }),
  z.object({ preset: z.literal('paper-100'), seed: seed.default(0) }),
  z.object({ preset: z.literal('paper-full'), seed: seed.default(0) }),
  z.object({ preset: z.literal('custom'), train: size, val: size, test: size, seed: seed.default(0) }),
]);

export type SplitSpec = z.output<typeof splitSpecSchema>;
export type SplitSpecInput = z.input<typeof splitSpecSchema>;
export type SplitPresetName = SplitSpec['preset'];

/** The resolved split: item ids per part, in the order the engine should use them. */
export interface SplitResult {
  spec: SplitSpec;
  train: string[];
  val: string[];
  test: string[];
  /** sha256 over the canonical `{train, val, test}` id lists: equal hash, equal split. */
  hash: string;
  /** Things the user should know (test carved out of the items, "our reading" of the paper, ...). */
  notes: string[];
}
