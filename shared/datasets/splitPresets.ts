import type { SplitPresetName } from './splitSpec';

export interface SplitPresetInfo {
  name: SplitPresetName;
  label: string;
  /** One paragraph for the UI; says plainly where sizes are our reading rather than the paper's. */
  description: string;
  /** Sizes on GSM8K (null where the preset takes them from the user). */
  sizes: { train: number; val: number; test: number } | null;
  /** Recommended optimizer settings from the method spec §5 (the run config may override them). */
  recommended: { batchSize: number; epochs: number[]; stepsPerEpoch: number | null; validationGate: boolean } | null;
}

/** Number of items the `paper-full` preset holds out of the official train split for validation. */
export const PAPER_FULL_VALIDATION_POOL = 500;

/** The evaluation presets of the method spec §5, with the wording the UI shows. */
export const splitPresets: Record<SplitPresetName, SplitPresetInfo> = {
  'textgrad-dspy': {
    name: 'textgrad-dspy',
    label: 'TextGrad / DSPy GSM8K',
    description:
      "Exactly DSPy's GSM8K split, as used by TextGrad's recipe: the official train split shuffled with " +
      'Python random.Random(0), first 200 for training, next 300 for validation; all 1319 official test ' +
      'items (shuffled with Random(0)) for test. Seed fixed at 0.',
    sizes: { train: 200, val: 300, test: 1319 },
    recommended: { batchSize: 3, epochs: [3], stepsPerEpoch: 4, validationGate: true },
  },
  'paper-100': {
    name: 'paper-100',
    label: 'Paper, 100-item evaluation',
    description:
      'The REMO paper\'s small setting: 1000 training and 100 validation items from the shuffled official ' +
      'train split, 100 test items from the shuffled official test split; the seed comes from the run config. ' +
      'The paper does not state how its items were drawn: the seeded shuffle is our choice.',
    sizes: { train: 1000, val: 100, test: 100 },
    recommended: { batchSize: 3, epochs: [3], stepsPerEpoch: null, validationGate: false },
  },
  'paper-full': {
    name: 'paper-full',
    label: 'Paper, full GSM8K (our reading)',
    description:
      'Our reading of the paper\'s full setting — the paper does not state its validation and test sizes. ' +
      'The shuffled official train split minus a 500-item validation pool for training (6973 on GSM8K), ' +
      'those 500 for validation, all 1319 official test items for test.',
    sizes: { train: 6973, val: PAPER_FULL_VALIDATION_POOL, test: 1319 },
    recommended: { batchSize: 3, epochs: [3, 5], stepsPerEpoch: null, validationGate: false },
  },
  custom: {
    name: 'custom',
    label: 'Custom sizes',
    description:
      'Your own train / validation / test sizes and seed. Validation is drawn from the train split and test ' +
      'from the test split when the dataset has one; otherwise test is carved out of the shuffled items, ' +
      'disjoint from train and validation.',
    sizes: null,
    recommended: null,
  },
};
