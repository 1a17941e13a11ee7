import { pythonShuffled } from '../random/pythonRandom';
import { sha256Hex } from './sha256Hex';
import type { DatasetParts } from './datasetItem';
import { PAPER_FULL_VALIDATION_POOL } from './splitPresets';
import { splitSpecSchema, type SplitResult, type SplitSpecInput } from './splitSpec';

/** A split that cannot be made from this dataset (too few items, no test split where one is needed). */
export class SplitError extends Error {
  override name = 'SplitError';
}

interface Sizes {
  train: number;
  val: number;
  /** null = every item of the test split. */
  test: number | null;
  seed: number;
  requiresTestSplit: boolean;
}

function sizesFor(spec: ReturnType<typeof splitSpecSchema.parse>, trainCount: number): Sizes {
  switch (spec.preset) {
    case 'textgrad-dspy':
      return { train: 200, val: 300, test: null, seed: 0, requiresTestSplit: true };
    case 'paper-100':
      return { train: 1000, val: 100, test: 100, seed: spec.seed, requiresTestSplit: false };
    case 'paper-full':
      return {
        train: Math.max(0, trainCount - PAPER_FULL_VALIDATION_POOL),
        val: PAPER_FULL_VALIDATION_POOL,
        test: null,
        seed: spec.seed,
        requiresTestSplit: true,
      };
    case 'custom':
      return { train: spec.train, val: spec.val, test: spec.test, seed: spec.seed, requiresTestSplit: false };
  }
}

/**
 * Resolves a split spec against a dataset, purely and deterministically.
 *
 * Method (mirrors DSPy so `textgrad-dspy` is exact): shuffle the official train part with
 * `random.Random(seed)`; train = the first `train` ids, val = the next `val`. Shuffle the test
 * part with a fresh `random.Random(seed)`; test = its first `test` ids (or all). A dataset with no
 * test part gets its test ids from the same shuffled list, right after val (disjoint by
 * construction), and a note says so. Throws SplitError when the sizes do not fit.
 */
export function resolveSplit(dataset: DatasetParts, specInput: SplitSpecInput): SplitResult {
  const spec = splitSpecSchema.parse(specInput);
  const notes: string[] = [];
  const trainIds = dataset.train.map((item) => item.id);
  const sizes = sizesFor(spec, trainIds.length);
  const shuffledTrain = pythonShuffled(trainIds, sizes.seed);

  if (spec.preset === 'paper-full') notes.push('paper-full sizes are our reading of the paper, which does not state them.');

  let test: string[];
  let needFromTrain = sizes.train + sizes.val;
  if (dataset.test) {
    const shuffledTest = pythonShuffled(dataset.test.map((item) => item.id), sizes.seed);
    const wanted = sizes.test ?? shuffledTest.length;
    if (wanted > shuffledTest.length) {
      throw new SplitError(`${spec.preset}: needs ${wanted} test items but the test split has ${shuffledTest.length}`);
    }
    test = shuffledTest.slice(0, wanted);
  } else {
    if (sizes.requiresTestSplit || sizes.test === null) {
      throw new SplitError(`${spec.preset} needs a dataset with its own test split; use custom sizes for this dataset`);
    }
    needFromTrain += sizes.test;
    test = shuffledTrain.slice(sizes.train + sizes.val, needFromTrain);
    notes.push(`This dataset has no test split: the ${sizes.test} test items were carved out of its items, disjoint from train and validation.`);
  }

  if (needFromTrain > shuffledTrain.length) {
    throw new SplitError(
      `${spec.preset}: needs ${needFromTrain} items from the ${dataset.test ? 'train split' : 'dataset'} ` +
        `(train ${sizes.train} + val ${sizes.val}${dataset.test ? '' : ` + test ${sizes.test}`}) but it has ${shuffledTrain.length}`,
    );
  }
  const train = shuffledTrain.slice(0, sizes.train);
  const val = shuffledTrain.slice(sizes.train, sizes.train + sizes.val);
  return { spec, train, val, test, hash: splitHash(train, val, test), notes };
}

/** sha256 over the canonical JSON of the three id lists (order matters: it is the run order). */
export function splitHash(train: readonly string[], val: readonly string[], test: readonly string[]): string {
  return sha256Hex(JSON.stringify({ train, val, test }));
}

/** Maps resolved ids back to items, in split order. Throws if an id is not in the dataset. */
export function pickItems<T extends { id: string }>(items: readonly T[], ids: readonly string[]): T[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  return ids.map((id) => {
    const item = byId.get(id);
    if (!item) throw new SplitError(`split refers to item ${id}, which is not in the dataset`);
    return item;
  });
}
