import type { PresetName } from './runConfig';

/** Schedule defaults each evaluation preset implies (spec §5). Split sizes live with the datasets. */
export const PRESET_DEFAULTS: Record<PresetName, { epochs: number; batchSize: number; stepsPerEpoch: number | null; validationGate: boolean }> = {
  'textgrad-dspy': { epochs: 3, batchSize: 3, stepsPerEpoch: 4, validationGate: true },
  'paper-100': { epochs: 3, batchSize: 3, stepsPerEpoch: null, validationGate: false },
  'paper-full': { epochs: 3, batchSize: 3, stepsPerEpoch: null, validationGate: false },
};
