import { adaptsOptimizer, usesNotebook } from '../config/resolveRunConfig';
import type { RunConfig } from '../config/runConfig';
import { splitPresets } from '../datasets/splitPresets';

export type RoleCalls = Partial<Record<'solver' | 'critic' | 'optimizer' | 'lessonWriter' | 'reflector' | 'metaController', number>>;

/**
 * Chat calls a run will make, per role, from its recipe alone (split sizes, schedule, method).
 * An upper-side estimate: identical requests the engine reuses (an unchanged prompt re-scored, a
 * cache hit) are counted, and the lesson writer is assumed to see half the minibatch fail.
 * Embeddings are not counted (the built-in embedder is local; a server embedder's calls are small).
 */
export function estimateRunCalls(config: RunConfig): RoleCalls {
  const sizes = config.split ?? (config.preset ? splitPresets[config.preset].sizes : null) ?? { train: 0, val: 0, test: 0 };
  const notebook = usesNotebook(config.method);
  const adaptive = adaptsOptimizer(config.method);
  const batch = config.batchSize;
  const steps = config.stepsPerEpoch ?? Math.ceil(sizes.train / batch);
  const totalSteps = steps * config.epochs;
  // A notebook method scores val with and without the notebook; test likewise at the end.
  const valPass = sizes.val * (notebook ? 2 : 1);
  const testPass = sizes.test * (notebook ? 2 : 1);
  const solver =
    (config.measureSeed ? valPass + sizes.test : 0) +
    totalSteps * (batch + (config.validationGate ? sizes.val : 0)) +
    config.epochs * valPass +
    testPass;
  const critic = totalSteps * (config.critiqueScope === 'all' ? 2 * batch : 1);
  const calls: RoleCalls = { solver, critic, optimizer: totalSteps };
  if (notebook) calls.lessonWriter = Math.ceil(totalSteps * batch / 2);
  if (adaptive) {
    const reflections = config.qCadence === 'minibatch' ? totalSteps : config.epochs;
    calls.reflector = reflections;
    calls.metaController = reflections;
  }
  return calls;
}

/**
 * Rough tokens per call (prompt + completion) for GSM8K-sized work with thinking off, used only
 * when the database holds no similar run to measure them from. Said as rough wherever shown.
 */
export const ROUGH_TOKENS_PER_CALL: Required<RoleCalls> = {
  solver: 500,
  critic: 1200,
  optimizer: 3000,
  lessonWriter: 800,
  reflector: 3500,
  metaController: 3000,
};
