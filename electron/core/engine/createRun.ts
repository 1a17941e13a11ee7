import type { RunConfig } from '../../../shared/config/runConfig';
import { RunConfigError } from '../../../shared/config/runConfigError';
import { resolveSplit } from '../../../shared/datasets/resolveSplit';
import type { SplitSpecInput } from '../../../shared/datasets/splitSpec';
import type { NewRunEvent, RunStartedData } from '../../../shared/events/run/runEventTypes';
import type { EngineDeps } from './engineDeps';
import { parseRunConfig } from './parseRunConfig';
import { resolveRunPoint } from './resolveRunPoint';
import { RunPointError } from './runPointError';

export function isSimulated(config: RunConfig): boolean {
  return config.endpoints.every((e) => e.kind === 'simulator');
}

function splitSpecOf(config: RunConfig): SplitSpecInput {
  if (config.preset === 'textgrad-dspy') return { preset: 'textgrad-dspy' };
  if (config.preset) return { preset: config.preset, seed: config.seed };
  return { preset: 'custom', ...config.split!, seed: config.seed };
}

/** Cross-run memory: the source run's position the new run starts from. */
function resolveMemory(deps: EngineDeps, config: RunConfig): RunStartedData['memory'] {
  const memory = config.memory;
  if (!memory) return null;
  if (deps.store.streamVersion(memory.fromRunId) === 0) throw new RunConfigError([{ path: 'memory.fromRunId', message: `no run "${memory.fromRunId}"` }]);
  try {
    const at = memory.atPosition !== undefined ? { position: memory.atPosition } : memory.atEpoch !== undefined ? { epoch: memory.atEpoch } : 'end' as const;
    const position = resolveRunPoint(deps.store, memory.fromRunId, at);
    return { fromRunId: memory.fromRunId, position, notebook: memory.notebook, optimizerInstructions: memory.optimizerInstructions };
  } catch (error) {
    if (error instanceof RunPointError) throw new RunConfigError([{ path: memory.atEpoch !== undefined ? 'memory.atEpoch' : 'memory.atPosition', message: error.message }]);
    throw error;
  }
}

/**
 * Validates the config, resolves dataset, split and cross-run memory, and appends RunStarted:
 * the one event from which the whole run is reproducible. Nothing is written when any of it fails.
 */
export async function createRun(deps: EngineDeps, configJson: unknown): Promise<{ runId: string }> {
  const config = parseRunConfig(configJson, deps.promptsDir);
  let dataset;
  try {
    dataset = await deps.datasets.load(config.dataset);
  } catch (error) {
    throw new RunConfigError([{ path: 'dataset', message: error instanceof Error ? error.message : String(error) }]);
  }
  let split;
  try {
    split = resolveSplit(dataset, splitSpecOf(config));
  } catch (error) {
    throw new RunConfigError([{ path: config.preset ? 'preset' : 'split', message: error instanceof Error ? error.message : String(error) }]);
  }
  const memory = resolveMemory(deps, config);
  const runId = deps.newRunId();
  const event: NewRunEvent = { type: 'RunStarted', data: {
    runId, config, dataset: { name: dataset.name, hash: dataset.hash, itemCount: dataset.train.length + (dataset.test?.length ?? 0) },
    split: { train: split.train, val: split.val, test: split.test }, templates: config.templates, memory, simulated: isSimulated(config),
  } };
  deps.store.append(runId, [event], { expectedVersion: 'no-stream' });
  return { runId };
}
