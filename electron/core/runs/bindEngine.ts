import type { RunConfig } from '../../../shared/config/runConfig';
import type { LlmGateway } from '../llm/types';
import type { Clock, EventStore } from '../store/types';
import type { DatasetSource, EngineDeps } from '../engine/engineDeps';
import { createFork, createRun, executeRun, listRunSummaries, parseRunConfig, runSummary, stateAt } from '../engine';
import { expandOverrides } from './expandOverrides';
import { runConfigOf } from './runFacts';
import type { EndpointLoad, RunEngine } from './runEngine';
import { RunNotFoundError } from './runServiceErrors';
import { withServedSimulator } from './servedSimulator';
import { isSimulated } from '../engine/createRun';

export interface BindEngineDeps {
  store: EventStore;
  clock: Clock;
  newRunId: () => string;
  datasets: DatasetSource;
  /** A gateway bound to one run's endpoints and roles. */
  gatewayFor: (config: RunConfig) => LlmGateway;
  /** Folder of the prompt templates; default: found from the engine's sources or the cwd. */
  promptsDir?: string;
  /**
   * URL of the built-in simulator this process serves (started on first use), for `simulator`
   * endpoints whose own URL refuses connections. Absent: such runs fail as unreachable.
   */
  servedSimulatorUrl?: () => Promise<string>;
}

/** What a fork is called when the caller gives no name: what it was forked from. */
function forkName(parentName: string, parentRunId: string, at: Parameters<RunEngine['createFork']>[1]): string {
  const base = parentName.trim() || parentRunId;
  const where = at === 'end' ? 'end' : 'epoch' in at ? `epoch ${at.epoch}` : `position ${at.position}`;
  return `${base} · fork @ ${where}`.slice(0, 200);
}

/**
 * Adapts the engine's functions to the RunService's `RunEngine` port: the only file that knows the
 * engine's exact signatures. A gateway is built per execution from the run's own config (a fork
 * may override endpoints), so one process can run against several servers at once; the gateways
 * of a process share one pool of slots per server (createCore), so runs on one server share its cap.
 */
export function bindEngine(deps: BindEngineDeps): RunEngine {
  const base = {
    store: deps.store, clock: deps.clock, datasets: deps.datasets, newRunId: deps.newRunId,
    ...(deps.promptsDir ? { promptsDir: deps.promptsDir } : {}),
  };
  // Creating a run or a fork calls no model; the engine's deps still want a gateway.
  const noModel: EngineDeps = { ...base, llm: unusedGateway };
  // The gateway of each execution in this process, for the endpoints' requests in flight.
  const executions = new Map<string, { gateway: LlmGateway; config: RunConfig }>();

  return {
    parseConfig: (json) => parseRunConfig(json, deps.promptsDir),
    createRun: (config) => createRun(noModel, config),
    async checkCreate(config) {
      // createRun itself, on a store that refuses to append: the same checks, nothing written.
      const dryRun = Symbol('dry run');
      const store = new Proxy(deps.store, {
        get(target, property) {
          if (property === 'append' || property === 'appendAll') return () => { throw dryRun; };
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      try {
        await createRun({ ...noModel, store }, config);
      } catch (error) {
        if (error !== dryRun) throw error;
      }
    },
    async createFork(parentRunId, at, overrides) {
      const parentConfig = runConfigOf(deps.store, parentRunId);
      if (!parentConfig) throw new RunNotFoundError(parentRunId);
      const named = typeof overrides.name === 'string' && overrides.name.trim() !== '' ? overrides : {
        ...overrides, name: forkName(runSummary(deps.store.db, parentRunId).name, parentRunId, at),
      };
      return createFork(noModel, parentRunId, at, expandOverrides(parentConfig as unknown as Record<string, unknown>, named));
    },
    currentConfig: (runId) => runConfigOf(deps.store, runId),
    reconfigure(runId, config, overrides) {
      const version = deps.store.streamVersion(runId);
      if (version === 0) throw new RunNotFoundError(runId);
      deps.store.append(runId, [{ type: 'RunReconfigured', data: { overrides, config, simulated: isSimulated(config) } }], { expectedVersion: version });
    },
    async execute(runId, options) {
      const config = runConfigOf(deps.store, runId);
      if (!config) throw new RunNotFoundError(runId);
      // The log keeps the run's own URLs; only this execution talks to the local simulator.
      const { config: reachable, served } = deps.servedSimulatorUrl ? await withServedSimulator(config, deps.servedSimulatorUrl) : { config, served: [] };
      const gateway = deps.gatewayFor(reachable);
      executions.set(runId, { gateway, config: reachable });
      // Said on every progress line, so the CLI, the UI and logs show where the calls go.
      const note = served.length > 0 ? ` · simulator served in-process (${served.join(', ')})` : '';
      try {
        await executeRun({ ...base, llm: gateway }, runId, {
          signal: options.signal,
          control: options.control,
          onProgress: (progress) => options.onProgress(note ? { ...progress, phase: progress.phase + note } : progress),
        });
      } finally {
        executions.delete(runId);
      }
    },
    endpointLoad(runId): EndpointLoad[] {
      const execution = executions.get(runId);
      if (!execution) return [];
      const gateway = execution.gateway as LlmGateway & { inFlight?: (name: string) => number };
      return execution.config.endpoints.map((endpoint) => ({
        name: endpoint.name,
        inFlight: typeof gateway.inFlight === 'function' ? gateway.inFlight(endpoint.name) : 0,
        concurrency: endpoint.concurrency,
      }));
    },
    // The engine's runSummary throws for an unknown id; the port answers undefined instead.
    summary: (runId) => (deps.store.streamVersion(runId) === 0 ? undefined : runSummary(deps.store.db, runId)),
    list: () => listRunSummaries(deps.store.db),
    stateAt: (runId, at) => {
      // The scrubber's extra timeline slice is not part of RunStateView; keep the view plain.
      const { eventsAround: _around, ...view } = stateAt(deps.store, runId, at);
      return view;
    },
  };
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
