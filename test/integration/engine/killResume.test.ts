import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRun, executeRun } from '../../../electron/core/engine';
import { comparable, createEngineWorld, smallEngineConfig } from './engineTestKit';

const CHILD = join(import.meta.dirname, 'fixtures', 'executeRunChild.ts');
const LARGEST_PHASE = 9;
/** The seed test runs in the background until it lands before close-epoch 1: a kill before that loses it (cache off: sent again). */
const SEED_TEST = 9;

describe('kill -9 and resume', () => {
  it('a run killed with SIGKILL mid-run continues to the same events as an uninterrupted run', async () => {
    const world = await createEngineWorld({ latencyMs: 20, seed: 9 });
    try {
      const config = smallEngineConfig(world.simulator.url, { method: 'remo', cache: false });
      const deps = world.deps(config);
      const reference = await createRun(deps, config);
      expect((await executeRun(deps, reference.runId)).status).toBe('completed');
      const expected = comparable(world.store.readStream(reference.runId)).slice(1);
      const referenceSolver = world.simulator.stats().byRole.solver ?? 0;
      world.simulator.resetStats();

      const { runId } = await createRun(deps, config);
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, join(world.dir, 'remo.db'), runId, JSON.stringify(config)], {
        cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Kill once the child is well into the run (past the seed evaluation).
      const deadline = Date.now() + 20_000;
      while (world.store.readStream(runId).length < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      const eventsAtKill = world.store.readStream(runId).length;
      child.kill('SIGKILL');
      await exited;
      expect(eventsAtKill, stderr).toBeGreaterThanOrEqual(40);
      const afterKill = world.store.readStream(runId).length;
      expect(afterKill).toBeLessThan(expected.length + 1);

      expect((await executeRun(deps, runId)).status).toBe('completed');
      expect(comparable(world.store.readStream(runId)).slice(1)).toEqual(expected);
      const solver = world.simulator.stats().byRole.solver ?? 0;
      expect(solver).toBeGreaterThanOrEqual(referenceSolver);
      expect(solver).toBeLessThanOrEqual(referenceSolver + LARGEST_PHASE + SEED_TEST);
    } finally {
      await world.dispose();
    }
  }, 60_000);
});
