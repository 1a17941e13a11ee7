import { describe, expect, it } from 'vitest';
import { createRun, executeRun } from '../../../electron/core/engine';
import { comparable, createEngineWorld, smallEngineConfig } from './engineTestKit';

/** Largest number of solver calls one phase of this config can make (an evaluation of 9 items). */
const LARGEST_PHASE = 9;
/**
 * The seed test (9 test items) runs in the background until it lands before close-epoch 1: an
 * interruption before that drops it unlogged, and with the cache off its calls are sent again.
 */
const SEED_TEST = 9;

describe('interrupt and resume', () => {
  it('aborting in flight at several points, then continuing, gives the uninterrupted run; logged calls are not redone', async () => {
    const world = await createEngineWorld({ latencyMs: 15, seed: 3 });
    try {
      const config = smallEngineConfig(world.simulator.url, { method: 'remo', cache: false, validationGate: true });
      const deps = world.deps(config);

      const reference = await createRun(deps, config);
      expect((await executeRun(deps, reference.runId)).status).toBe('completed');
      const referenceSolver = world.simulator.stats().byRole.solver ?? 0;
      const expected = comparable(world.store.readStream(reference.runId)).slice(1);

      world.simulator.resetStats();
      const { runId } = await createRun(deps, config);
      let interruptions = 0;
      for (const stopAfterPhases of [1, 4, 9, 15]) {
        const controller = new AbortController();
        let phases = 0;
        const outcome = await executeRun(deps, runId, {
          signal: controller.signal,
          onProgress: () => {
            // Abort while the next phase's calls are in flight (the simulator answers after 15 ms).
            if (++phases === stopAfterPhases) setTimeout(() => controller.abort(), 5);
          },
        });
        if (outcome.status === 'interrupted') interruptions++;
        else expect(outcome.status).toBe('completed');
        // Nothing partial: the log ends with a complete phase (no trailing SolverAnswered).
        expect(world.store.readStream(runId).at(-1)!.type).not.toBe('SolverAnswered');
      }
      expect(interruptions).toBeGreaterThanOrEqual(3);
      expect((await executeRun(deps, runId)).status).toBe('completed');

      expect(comparable(world.store.readStream(runId)).slice(1)).toEqual(expected);
      const solver = world.simulator.stats().byRole.solver ?? 0;
      expect(solver).toBeGreaterThanOrEqual(referenceSolver);
      expect(solver).toBeLessThanOrEqual(referenceSolver + interruptions * (LARGEST_PHASE + SEED_TEST));
    } finally {
      await world.dispose();
    }
  });

  it('a completed run is not re-executed', async () => {
    const world = await createEngineWorld();
    try {
      const config = smallEngineConfig(world.simulator.url, { method: 'textgrad', epochs: 1, stepsPerEpoch: 1 });
      const deps = world.deps(config);
      const { runId } = await createRun(deps, config);
      await executeRun(deps, runId);
      const requests = world.simulator.stats().requests;
      const length = world.store.readStream(runId).length;
      expect((await executeRun(deps, runId)).status).toBe('completed');
      expect(world.simulator.stats().requests).toBe(requests);
      expect(world.store.readStream(runId)).toHaveLength(length);
    } finally {
      await world.dispose();
    }
  });
});
