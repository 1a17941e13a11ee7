import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LlmGateway } from '../llm/types';
import { EndpointPool } from '../llm/concurrency/endpointPool';
import type { RunConfig } from '../../../shared/config/runConfig';
import type { Clock, Db } from '../store/types';
import { openDatabase } from '../store/openDatabase';
import { openEventStore, type OpenedEventStore } from '../store/openEventStore';
import { registeredEventRegistry, registeredProjections } from '../projections/registeredProjections';
import { createRunService, type LocalRunService } from '../runs/createRunService';
import type { LeaseLiveness } from '../runs/runLeaseTable';
import type { ImportDeps } from '../exchange/importRun';
import { bindEngine } from '../runs/bindEngine';
import { createDatasetSource } from './createDatasetSource';
import { createRunGateway, type KeyResolver } from './createRunGateway';
import { createTimelineQueries, type ItemsOf, type TimelineQueries } from '../timeline';
import type { DatasetItem } from '../../../shared/datasets/datasetItem';
import type { CompareReport } from '../../../shared/api/compareViews';
import { buildCompareReport, pickEvaluations, readTestOutcome } from '../compare';
import { createExperimentService, type ExperimentService } from '../experiments/createExperimentService';
import { runUsageByRole } from '../engine/runSummaries';
import { runTrainSize } from '../runs/runFacts';
import { startSimulator } from '../llm/simulator/startSimulator';
import type { RunningSimulator } from '../llm/simulator/simulatorOptions';

export type { KeyResolver } from './createRunGateway';

/** Builds the gateway a run talks to, from its resolved config. Tests inject fakes here. */
export type GatewayFactory = (config: RunConfig, keyResolver: KeyResolver) => LlmGateway;

export interface CoreOptions {
  /** SQLite file; created (with its folder) and migrated when missing. */
  dbPath: string;
  /** Domain clock stamped on events. Default: the wall clock. */
  clock?: Clock;
  /** Run ids. Default: 'r' + 10 random hex digits (short enough to type in the CLI). */
  newRunId?: () => string;
  /** Default: the openai-SDK gateway over the run's endpoints and roles. */
  gatewayFactory?: GatewayFactory;
  /**
   * Where API keys come from for endpoints whose `apiKeyEnv` variable is unset: the Electron main
   * process passes one backed by safeStorage (the OS keychain). Keys never reach the log.
   */
  keyResolver?: KeyResolver;
  /** Decides whether another process's lease on a run is alive (tests shorten it). */
  liveness?: LeaseLiveness;
  /** Where the sqlite-vec loadable extension lives (packaged apps: inside app.asar.unpacked). */
  vecExtensionPath?: string;
  /**
   * The shipped `resources/` folder (prompts/, datasets/). Default: found from the sources, which
   * works from the repo; a bundled or packaged app passes its own.
   */
  resourcesDir?: string;
}

/** The wired core: what the CLI, the web host and Electron main hold. */
export interface Core {
  readonly dbPath: string;
  /** Opens an empty in-memory database with this build's schema (sqlite-vec from the same place): verify rebuilds projections there. */
  openScratchDatabase(): Db;
  readonly store: OpenedEventStore;
  readonly runs: LocalRunService;
  /** The run view's read side (electron/core/timeline). */
  readonly timeline: TimelineQueries;
  /** For `remo import`: the store plus a writer whose clock the importer controls. */
  readonly importDeps: ImportDeps;
  /** Experiments: methods x seeds over one base config (electron/core/experiments). */
  readonly experiments: ExperimentService;
  /** The compare view's report (runs.compare, `remo compare`). */
  compare(runIds: readonly string[]): Promise<CompareReport>;
  /** URL of the simulator this process serves for `simulator` endpoints nobody answers at; null until one was needed. */
  servedSimulatorUrl(): string | null;
  /** Pauses the runs executing in this process (at their next safe point), then closes the database. */
  close(): Promise<void>;
}

/** Dataset items by id per dataset reference, loaded once: the inspector shows events' questions. */
function itemsByConfig(datasets: ReturnType<typeof createDatasetSource>): ItemsOf {
  const cache = new Map<string, ReadonlyMap<string, DatasetItem>>();
  return async (config) => {
    const key = JSON.stringify(config.dataset);
    let items = cache.get(key);
    if (!items) {
      const dataset = await datasets.load(config.dataset);
      items = new Map([...dataset.train, ...(dataset.test ?? [])].map((item) => [item.id, item]));
      if (cache.size > 8) cache.clear();
      cache.set(key, items);
    }
    return items;
  };
}

function defaultRunId(): string {
  return `r${randomBytes(5).toString('hex')}`;
}

/**
 * The composition root: the ONE place that wires the store, the event registry, the projections,
 * the datasets, a gateway per run (all over one shared pool of slots per server) and the engine
 * into the RunService. Everything above core
 * (CLI, web host, Electron main) calls this and nothing else to get a working core.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  mkdirSync(dirname(options.dbPath), { recursive: true });
  const clock = options.clock ?? (() => new Date());
  // One list of event types and projections for the app, `remo rebuild` and `remo verify` alike.
  const registry = registeredEventRegistry();
  const projections = registeredProjections();
  const store = openEventStore({
    path: options.dbPath,
    clock,
    registry,
    projections,
    ...(options.vecExtensionPath ? { database: { vecExtensionPath: options.vecExtensionPath } } : {}),
  });
  try {
    const keyResolver: KeyResolver = options.keyResolver ?? (() => undefined);
    // The built-in simulator, served by this process on first need (runs on `simulator` endpoints
    // whose own URL is dead, e.g. a demo's port after the demo ended). Stopped on close.
    let served: Promise<RunningSimulator> | undefined;
    let servedUrl: string | null = null;
    const servedSimulatorUrl = async (): Promise<string> => {
      served ??= startSimulator({ seed: 0, latencyMs: 0 }).then((simulator) => {
        servedUrl = simulator.url;
        return simulator;
      });
      return (await served).url;
    };
    // One pool of concurrency slots per server for every gateway of this process: runs that share
    // a server (same base URL and model) share its cap, whatever their endpoints are called.
    const pool = new EndpointPool();
    const gatewayFactory: GatewayFactory = options.gatewayFactory ?? ((config, keys) => createRunGateway(config, keys, store.db, process.env, pool));
    const datasets = createDatasetSource(store.db, options.resourcesDir && join(options.resourcesDir, 'datasets'));
    const engine = bindEngine({
      store,
      clock,
      newRunId: options.newRunId ?? defaultRunId,
      datasets,
      gatewayFor: (config) => gatewayFactory(config, keyResolver),
      servedSimulatorUrl,
      ...(options.resourcesDir ? { promptsDir: join(options.resourcesDir, 'prompts') } : {}),
    });
    const runs = createRunService({
      store, engine, clock, ...(options.liveness ? { liveness: options.liveness } : {}),
      keyAvailable: (endpoint) => keyResolver(endpoint) !== undefined,
    });
    const importDeps: ImportDeps = { store, registry };
    // Notebook search embeds the query with the run's own embedder, as retrieval does.
    const timeline = createTimelineQueries(store, async (config, text) => {
      const result = await gatewayFactory(config, keyResolver).embed([text]);
      const vector = result.vectors[0];
      if (!vector) throw new Error('the embedder returned no vector');
      // The embedder's own size: the index matching it is picked by searchNotebook.
      return vector;
    }, itemsByConfig(datasets));
    const itemsOf = itemsByConfig(datasets);
    const experiments = createExperimentService({
      store,
      runs,
      newExperimentId: () => `x${randomBytes(4).toString('hex')}`,
      parseConfig: (json) => engine.parseConfig(json) as RunConfig,
      testCorrectness: (runId) => {
        const test = pickEvaluations(timeline.metrics(runId).evaluations).test;
        return test ? readTestOutcome(store, runId, test.position)?.correct ?? null : null;
      },
      usageByRole: (runId) => runUsageByRole(store.db, runId),
    });
    return {
      dbPath: options.dbPath,
      openScratchDatabase: () => openDatabase(':memory:', options.vecExtensionPath ? { vecExtensionPath: options.vecExtensionPath } : {}),
      store,
      runs,
      timeline,
      importDeps,
      experiments,
      compare: (runIds) => buildCompareReport({
        store,
        summary: (runId) => runs.summary(runId),
        metrics: (runId) => timeline.metrics(runId),
        usageByRole: (runId) => runUsageByRole(store.db, runId),
        config: (runId) => engine.currentConfig(runId),
        trainSize: (runId) => runTrainSize(store, runId),
        itemsOf,
      }, runIds),
      servedSimulatorUrl: () => servedUrl,
      async close() {
        await runs.shutdown();
        store.close();
        if (served) await (await served).stop();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

