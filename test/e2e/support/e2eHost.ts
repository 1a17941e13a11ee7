import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiDepsFromCore, createApiService } from '../../../electron/core/api';
import { createCore, type Core } from '../../../electron/core/composition/createCore';
import { buildDemoConfig } from '../../../electron/core/composition/demoConfig';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import { startWebHost, type WebHost, webHostApiFromTransport } from '../../../electron/host';

export interface E2eHost {
  host: WebHost;
  core: Core;
  /** Seeded, finished runs: a REMO run (2 epochs) and a TextGrad run. */
  remoRunId: string;
  textgradRunId: string;
  /** A config that starts another short simulated run. */
  startConfig: Record<string, unknown>;
  /** A config against a slow simulator: runs long enough to pause, resume and stop from the UI. */
  slowConfig: Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * The real stack for browser tests: a temp SQLite file, the core (createCore), the built-in
 * simulator, two short finished runs, and the web host serving dist/renderer on 127.0.0.1.
 */
export async function startE2eHost(): Promise<E2eHost> {
  const dir = mkdtempSync(path.join(tmpdir(), 'remo-e2e-'));
  const simulator = await startSimulator({ seed: 0, latencyMs: 0 });
  const slowSimulator = await startSimulator({ seed: 0, latencyMs: 150 });
  const core = await createCore({ dbPath: path.join(dir, 'e2e.db') });
  const config = (method: 'remo' | 'textgrad', name: string) => ({
    ...buildDemoConfig({ method, size: 'tiny', seed: 0, simulatorUrl: simulator.url }),
    name,
    epochs: 2,
  });
  const remo = await core.runs.start(config('remo', 'e2e remo'));
  await core.runs.waitForRun(remo.runId);
  const textgrad = await core.runs.start(config('textgrad', 'e2e textgrad'));
  await core.runs.waitForRun(textgrad.runId);
  // Runs started from the UI's form go to the slow simulator (as under `remo web --simulator`).
  const simulatorEndpoint = { name: 'simulator', kind: 'simulator', baseURL: slowSimulator.url, model: 'remo-simulator', concurrency: 32, timeoutMs: 30_000 };
  const api = createApiService(apiDepsFromCore(core, { version: '0.0.0-e2e', defaultRunConfig: { endpoints: [simulatorEndpoint] } }));
  const host = await startWebHost({
    api: webHostApiFromTransport(api.transport('web')),
    staticDir: path.resolve('dist/renderer'),
  });
  return {
    host,
    core,
    remoRunId: remo.runId,
    textgradRunId: textgrad.runId,
    startConfig: config('remo', 'e2e live'),
    slowConfig: {
      ...buildDemoConfig({ method: 'remo', size: 'default', seed: 0, simulatorUrl: slowSimulator.url }),
      name: 'e2e slow',
      // Long enough (about a minute at 150 ms a call) that pause, resume and stop all land mid-run on a busy machine.
      epochs: 10,
    },
    async close() {
      await host.close();
      await core.close();
      await simulator.stop();
      await slowSimulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
