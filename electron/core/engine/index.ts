/**
 * The optimizer engine: TextGrad, REMO and its ablations as an event-sourced decide/evolve loop.
 * See README.md in this folder.
 */
export { registerRunEvents } from './registerRunEvents';
export { runProjections } from '../projections/run/runProjections';
export { parseRunConfig } from './parseRunConfig';
export { createRun, isSimulated } from './createRun';
export { createFork } from './createFork';
export { executeRun, type ExecuteRunOptions, type RunOutcome, type RunControlDecision } from './executeRun';
export { stateAt, type RunStateAt } from './stateAt';
export { runSummary, listRunSummaries, runUsageByRole } from './runSummaries';
export { loadRunState } from './loadRunState';
export { decideNextPhase, describePhase, type Phase } from './decideNextPhase';
export { gatewayConfigFor } from './gatewayConfigFor';
export { RunPointError } from './runPointError';
export type { EngineDeps, DatasetSource } from './engineDeps';
export { RunConfigError } from '../../../shared/config/runConfigError';
export type { RunConfig } from '../../../shared/config/runConfig';
