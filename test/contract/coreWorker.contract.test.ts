import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core/composition/createCore';
import { buildDemoConfig } from '../../electron/core/composition/demoConfig';
import { startSimulator } from '../../electron/core/llm/simulator/startSimulator';
import { startCorePool } from '../../electron/core/worker';
import type { RunSummary } from '../../shared/api/runViews';
import { defineContractSuite } from './contractCases';

/**
 * The contract over the core worker pool's ports: the transport Electron main and the web host relay to
 * (named 'web' here: Electron main answers keys.* itself before relaying, which the IPC suite covers).
 * The database is seeded by an in-thread core, closed, then opened by the worker thread (the real
 * core: store, engine, simulator endpoints), as a desktop start after an earlier session would.
 */
defineContractSuite('the core worker pool (writer + 2 reader threads, message ports)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'remo-contract-worker-'));
  const dbPath = path.join(dir, 'contract.db');
  const simulator = await startSimulator({ seed: 0, latencyMs: 0 });
  const config = (name: string) => ({ ...buildDemoConfig({ method: 'remo', size: 'tiny', seed: 0, simulatorUrl: simulator.url }), name, epochs: 2 });
  const seeding = await createCore({ dbPath });
  const { runId } = await seeding.runs.start(config('seeded'));
  const seeded = await seeding.runs.waitForRun(runId);
  await seeding.close();
  if (seeded.status !== 'completed') throw new Error(`seed run ended ${seeded.status}`);
  // The pool: a writer thread plus two readers, so read methods are answered by readers and the rest by the writer.
  const endpoints = buildDemoConfig({ method: 'remo', size: 'tiny', seed: 0, simulatorUrl: simulator.url }).endpoints;
  const worker = await startCorePool({ dbPath, version: '0.1.0', defaultRunConfig: { endpoints }, readers: 2 });
  const transport = worker.transport('web');
  console.log('[contract] core worker transport over the real core');
  return {
    transport,
    transportName: 'web',
    seededRunId: runId,
    startConfig: config('started by the contract suite'),
    testEndpoint: 'simulator',
    ready: async () => undefined,
    async close() {
      // Let runs the tests started finish, so closing never races an append.
      for (let round = 0; round < 600; round++) {
        const list = await transport.invoke('runs.list', {});
        if (!list.ok || !(list.value as RunSummary[]).some((run) => run.status === 'running')) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await worker.close();
      await simulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
