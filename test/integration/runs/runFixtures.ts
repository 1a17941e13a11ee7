import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import type { RunningSimulator } from '../../../electron/core/llm/simulator/simulatorOptions';

/** A small run config against the simulator at `url`: a few seconds end to end. */
export function smallConfig(url: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'test run',
    method: 'remo',
    dataset: 'gsm8k',
    split: { train: 9, val: 12, test: 12 },
    epochs: 2,
    stepsPerEpoch: 2,
    batchSize: 3,
    validationGate: true,
    seed: 0,
    endpoints: [{ name: 'sim', kind: 'simulator', baseURL: url, model: 'remo-simulator', concurrency: 32, timeoutMs: 30_000 }],
    ...overrides,
  };
}

export interface TestWorld {
  dir: string;
  simulator: RunningSimulator;
  dbPath(name?: string): string;
  dispose(): Promise<void>;
}

/** A temp folder and a simulator on 127.0.0.1 (stopped by dispose, with the folder removed). */
export async function createTestWorld(options: { latencyMs?: number; seed?: number } = {}): Promise<TestWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'remo-runs-'));
  const simulator = await startSimulator({ latencyMs: options.latencyMs ?? 5, seed: options.seed ?? 0 });
  return {
    dir,
    simulator,
    dbPath: (name = 'remo.db') => join(dir, name),
    async dispose() {
      await simulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
