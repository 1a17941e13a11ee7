import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiDepsFromCore, createApiService, type ApiService } from '../../electron/core/api';
import { createCore } from '../../electron/core/composition/createCore';
import { buildDemoConfig } from '../../electron/core/composition/demoConfig';
import { startSimulator } from '../../electron/core/llm/simulator/startSimulator';

/** A core for contract tests: an API service, a seeded finished run, a start config, and close(). */
export interface TestCore {
  api: ApiService;
  seededRunId: string;
  startConfig: Record<string, unknown>;
  /** Endpoint name that `llm.testConnection` can reach. */
  testEndpoint: string;
  /** Which core backs the suite, printed so the report can say so. */
  kind: 'real' | 'fake';
  close(): Promise<void>;
}

/**
 * The real core (createCore on a temp SQLite file) with the built-in simulator as every
 * endpoint, and one finished 2-epoch REMO run. The contract suite runs over this, so every
 * transport is tested against the real RunService, store and engine, not a stand-in.
 */
export async function createTestCore(): Promise<TestCore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'remo-contract-'));
  const simulator = await startSimulator({ seed: 0, latencyMs: 0 });
  const core = await createCore({ dbPath: path.join(dir, 'contract.db') });
  const config = (name: string) => ({ ...buildDemoConfig({ method: 'remo', size: 'tiny', seed: 0, simulatorUrl: simulator.url }), name, epochs: 2 });
  const { runId } = await core.runs.start(config('seeded'));
  const seeded = await core.runs.waitForRun(runId);
  if (seeded.status !== 'completed') throw new Error(`seed run ended ${seeded.status}: ${seeded.statusReason ?? ''}`);
  const demo = buildDemoConfig({ method: 'remo', size: 'tiny', seed: 0, simulatorUrl: simulator.url });
  // New runs default to the simulator endpoints, as under `remo web --simulator`.
  const api = createApiService(apiDepsFromCore(core, { version: '0.1.0', defaultRunConfig: { endpoints: demo.endpoints } }));
  return {
    api,
    seededRunId: runId,
    startConfig: config('started by the contract suite'),
    testEndpoint: 'simulator',
    kind: 'real',
    async close() {
      // Let runs the tests started finish, so closing never races an append.
      for (const run of core.runs.list()) if (run.status === 'running') await core.runs.waitForRun(run.runId);
      await core.close();
      await simulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
