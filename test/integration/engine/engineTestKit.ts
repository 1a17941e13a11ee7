import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuiltinDataset } from '../../../electron/core/datasets/loadBuiltinDataset';
import { createLlmGateway } from '../../../electron/core/llm/gateway/openAiGateway';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import type { RunningSimulator, SimulatorOptions } from '../../../electron/core/llm/simulator/simulatorOptions';
import { EventRegistry } from '../../../electron/core/store/eventRegistry';
import { openEventStore, type OpenedEventStore } from '../../../electron/core/store/openEventStore';
import { gatewayConfigFor, parseRunConfig, registerRunEvents, runProjections, type EngineDeps } from '../../../electron/core/engine';
import type { Dataset } from '../../../shared/datasets/datasetItem';

let gsm8k: Dataset | null = null;
/** The built-in GSM8K, loaded once per test file. */
export function builtinGsm8k(): Dataset {
  return (gsm8k ??= loadBuiltinDataset('gsm8k'));
}

/** A small config: 12 train / 9 val / 9 test, 2 epochs x 2 steps of 3. */
export function smallEngineConfig(url: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const concurrency = (overrides.concurrency as number | undefined) ?? 8;
  const { concurrency: _c, ...rest } = overrides;
  return {
    name: 'engine test',
    method: 'remo',
    dataset: 'gsm8k',
    split: { train: 12, val: 9, test: 9 },
    epochs: 2,
    stepsPerEpoch: 2,
    batchSize: 3,
    seed: 0,
    endpoints: [{ name: 'sim', kind: 'simulator', baseURL: url, model: 'remo-simulator', concurrency, timeoutMs: 30_000 }],
    ...rest,
  };
}

export interface EngineWorld {
  dir: string;
  simulator: RunningSimulator;
  store: OpenedEventStore;
  /** Deps whose gateway follows `config` (endpoints, roles, cache). */
  deps(config: Record<string, unknown>, options?: { retries?: number }): EngineDeps;
  reopen(): void;
  dispose(): Promise<void>;
}

/** Fixed clock that ticks one second per read: recorded times are reproducible. */
export function tickingClock(): () => Date {
  let t = Date.UTC(2026, 0, 1);
  return () => new Date((t += 1000));
}

export function openStore(path: string): OpenedEventStore {
  return openEventStore({ path, registry: registerRunEvents(new EventRegistry()), projections: runProjections(), clock: tickingClock() });
}

/** Engine deps on `store` with a gateway that follows `configJson` (endpoints, roles, cache); no backoff sleeps. */
export function depsFor(store: OpenedEventStore, configJson: unknown, options: { retries?: number; newRunId?: () => string } = {}): EngineDeps {
  const config = parseRunConfig(configJson);
  const { endpoints, roles, embeddingDimensions } = gatewayConfigFor(config);
  const llm = createLlmGateway({
    endpoints, roles, embeddingDimensions, db: store.db, cache: config.cache, random: () => 0.5, sleep: async () => {},
    ...(options.retries !== undefined ? { retry: { maxAttempts: options.retries } } : {}),
  });
  return { store, llm, clock: tickingClock(), datasets: { load: () => builtinGsm8k() }, newRunId: options.newRunId ?? (() => 'run-child') };
}

/** A temp db with the engine's registry and projections, and a simulator on 127.0.0.1. */
export async function createEngineWorld(sim: SimulatorOptions = {}): Promise<EngineWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'remo-engine-'));
  const simulator = await startSimulator({ latencyMs: 0, seed: 0, ...sim });
  const path = join(dir, 'remo.db');
  let ids = 0;
  const world: EngineWorld = {
    dir,
    simulator,
    store: openStore(path),
    deps(configJson, options = {}) {
      return depsFor(world.store, configJson, { ...options, newRunId: () => `run-${++ids}` });
    },
    reopen() {
      world.store.close();
      world.store = openStore(path);
    },
    async dispose() {
      world.store.close();
      await simulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/** Events as comparable data: type + data with timings (latency, durations) removed. */
export function comparable(events: readonly { type: string; data: unknown }[]): unknown[] {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'latencyMs' && k !== 'durationMs').map(([k, v]) => [k, strip(v)]));
    }
    return value;
  };
  return events.map((e) => ({ type: e.type, data: strip(e.data) }));
}
