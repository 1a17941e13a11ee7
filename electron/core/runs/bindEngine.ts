import type { RunConfig } from '../../../shared/config/runConfig';
import type { LlmGateway } from '../llm/types';
import type { Clock, EventStore } from '../store/types';
import type { DatasetSource, EngineDeps } from '../engine/engineDeps';
import { createFork, createRun, executeRun, listRunSummaries, parseRunConfig, runConfigOf, runSummary, stateAt } from '../engine';
import type { RunEngine, RunProgress } from './runEngine';

export interface BindEngineDeps {
  store: EventStore;
  clock: Clock;
  newRunId: () => string;
  datasets: DatasetSource;
  /** A gateway bound to one run's endpoints and roles. */
  gatewayFor: (config: RunConfig) => LlmGateway;
}

/**
 * Adapts the engine's functions to the RunService's `RunEngine` port: the only file that knows the
 * engine's exact signatures. A gateway is built per execution from the run's own config (a fork
 * may override endpoints), so one process can run against several servers at once.
 */
export function bindEngine(deps: BindEngineDeps): RunEngine {
  const base = { store: deps.store, clock: deps.clock, datasets: deps.datasets, newRunId: deps.newRunId };
  const withGateway = (config: RunConfig): EngineDeps => ({ ...base, llm: deps.gatewayFor(config) });
  // Creating a run or a fork calls no model; the engine still wants a gateway in its deps.
  const noModel = (): EngineDeps => ({ ...base, llm: unusedGateway });

  return {
    parseConfig: (json) => parseRunConfig(json),
    createRun: async (config) => createRun(noModel(), config as RunConfig),
    createFork: async (parentRunId, at, overrides) => createFork(noModel(), parentRunId, at, overrides),
    async execute(runId, options) {
      const config = runConfigOf(deps.store, runId);
      await executeRun(withGateway(config), runId, {
        signal: options.signal,
        control: options.control,
        onProgress: (progress: unknown) => options.onProgress(toRunProgress(runId, progress)),
      });
    },
    summary: (runId) => runSummary(deps.store.db, runId) ?? undefined,
    list: () => listRunSummaries(deps.store.db),
    stateAt: (runId, at) => stateAt(deps.store, runId, at),
  };
}

function toRunProgress(runId: string, progress: unknown): RunProgress {
  const p = progress as { done?: number; total?: number; label?: string; phase?: string };
  return { runId, done: p.done ?? 0, total: p.total ?? 0, label: p.label ?? p.phase ?? '' };
}

const refuse = (): never => {
  throw new Error('no model calls while creating a run');
};
const unusedGateway: LlmGateway = {
  chat: refuse,
  embed: refuse,
  testConnection: refuse,
  embeddingDimensions: 0,
};
