import type { RunPoint } from '../../../shared/api/runViews';
import { RunConfigError } from '../../../shared/config/runConfigError';
import type { EngineDeps } from './engineDeps';
import { isSimulated } from './createRun';
import { parseRunConfig } from './parseRunConfig';
import { resolveRunPoint } from './resolveRunPoint';
import { viewStateAt } from './stateAt';

/** Keys a fork may not change: they define what the parent's state means. */
const FIXED_KEYS = ['dataset', 'preset', 'split', 'memory', 'scorer', 'templates'];

/**
 * Starts a new run from `parentRunId`'s state at `at` (by reference: the fork's first event is
 * RunForked, and the store reads the parent's events up to that global position as the fork's
 * prefix). P, Q, notebook and schedule position are the parent's there; `overrides` change the
 * config from then on (epochs, method, model, batchSize, retrievalK, ...).
 */
export function createFork(deps: EngineDeps, parentRunId: string, at: RunPoint, overrides: Record<string, unknown>): { runId: string } {
  if (deps.store.streamVersion(parentRunId) === 0) throw new RunConfigError([{ path: 'parentRunId', message: `no run "${parentRunId}"` }]);
  const bad = Object.keys(overrides).filter((k) => FIXED_KEYS.includes(k));
  if (bad.length > 0) throw new RunConfigError(bad.map((k) => ({ path: k, message: 'a fork keeps its parent\'s value' })));
  const parentPosition = resolveRunPoint(deps.store, parentRunId, at);
  const { state: parent } = viewStateAt(deps.store, parentRunId, parentPosition);
  if (!parent.config) throw new RunConfigError([{ path: 'parentRunId', message: 'the parent has no RunStarted before that point' }]);
  const config = parseRunConfig({ ...parent.config, ...overrides }, deps.promptsDir);
  const runId = deps.newRunId();
  deps.store.append(runId, [{ type: 'RunForked', data: { parentRunId, parentPosition, overrides, config, simulated: isSimulated(config) } }], { expectedVersion: 'no-stream' });
  return { runId };
}
