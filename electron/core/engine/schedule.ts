import type { RunConfig } from '../../../shared/config/runConfig';
import { createSeededRandom } from '../../../shared/random/seededRandom';

/** Optimizer steps in one epoch: the configured number, or one full pass over train. */
export function stepsInEpoch(config: RunConfig, trainSize: number): number {
  return config.stepsPerEpoch ?? Math.max(1, Math.ceil(trainSize / config.batchSize));
}

/**
 * The training items of step `step` (1-based) of epoch `epoch`: each epoch reshuffles train with a
 * generator seeded by (seed, epoch), and steps take consecutive batches, wrapping around when the
 * schedule asks for more items than train holds. Pure: resume and forks recompute the same batch.
 */
export function minibatchIds(config: RunConfig, train: readonly string[], epoch: number, step: number): string[] {
  const order = createSeededRandom(`${config.seed}:epoch:${epoch}`).shuffled(train);
  const start = (step - 1) * config.batchSize;
  return Array.from({ length: Math.min(config.batchSize, train.length) }, (_, j) => order[(start + j) % order.length]!);
}
