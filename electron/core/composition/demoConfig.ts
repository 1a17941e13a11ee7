import type { Method } from '../../../shared/api/runViews';

/**
 * Sizes of `remo demo`. 'default' finishes in well under a minute against the simulator at its demo
 * latency; 'tiny' is for tests and smoke checks.
 */
export const DEMO_SIZES = {
  default: { split: { train: 60, val: 50, test: 100 }, epochs: 3, stepsPerEpoch: 4, batchSize: 3 },
  tiny: { split: { train: 6, val: 6, test: 8 }, epochs: 1, stepsPerEpoch: 2, batchSize: 3 },
} as const;
export type DemoSize = keyof typeof DEMO_SIZES;

/**
 * The demo's run config: every knob shared by the compared methods except `method` (a fair
 * comparison, as in the paper), one simulator endpoint for every role.
 */
export function buildDemoConfig(options: { method: Method; size: DemoSize; seed: number; simulatorUrl: string }): Record<string, unknown> {
  const size = DEMO_SIZES[options.size];
  return {
    name: `demo ${options.method} (simulator)`,
    method: options.method,
    dataset: 'gsm8k',
    split: { ...size.split },
    epochs: size.epochs,
    stepsPerEpoch: size.stepsPerEpoch,
    batchSize: size.batchSize,
    validationGate: true,
    seed: options.seed,
    // Off so both methods pay for their own calls: with the shared cache the second run would get
    // the first one's seed evaluation for free, and the calls/time columns would not compare.
    cache: false,
    endpoints: [
      { name: 'simulator', kind: 'simulator', baseURL: options.simulatorUrl, model: 'remo-simulator', concurrency: 32, timeoutMs: 30_000 },
    ],
  };
}
