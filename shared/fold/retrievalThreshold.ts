import type { RunConfig } from '../config/runConfig';
import type { RunState } from './runState';

/** A cosine no entry reaches: a 'calibrated' run that has not yet calibrated retrieves nothing. */
const UNREACHABLE = 2;

/** The threshold retrieval uses: the configured number, or the one calibrated and recorded for this run. */
export function retrievalThresholdOf(state: RunState, config: RunConfig): number {
  if (config.retrievalThreshold !== 'calibrated') return config.retrievalThreshold;
  return state.modelFacts.embedder?.calibratedThreshold ?? UNREACHABLE;
}

/** The `quantile` of the pairwise similarities of `vectors` (upper triangle), by `similarity`. Pure. */
export function pairwiseQuantile(vectors: readonly Float32Array[], similarity: (a: Float32Array, b: Float32Array) => number, quantile: number): number {
  const values: number[] = [];
  for (let i = 0; i < vectors.length; i++) for (let j = i + 1; j < vectors.length; j++) values.push(similarity(vectors[i]!, vectors[j]!));
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  return Math.round(values[Math.min(values.length - 1, Math.floor(quantile * values.length))]! * 1e6) / 1e6;
}
