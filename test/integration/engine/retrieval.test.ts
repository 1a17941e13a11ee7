import { describe, expect, it } from 'vitest';
import { createRun, executeRun } from '../../../electron/core/engine';
import { loadRunState } from '../../../electron/core/engine/loadRunState';
import type { SolverAnsweredData, TrainBatchAnsweredData } from '../../../shared/events/run/runEventTypes';
import { createEngineWorld, smallEngineConfig } from './engineTestKit';

describe('notebook retrieval', () => {
  it('never shows a training question its own notebook entry, and does retrieve others', async () => {
    const world = await createEngineWorld({ seed: 4 });
    try {
      // A weak seed prompt (no answer format): more failures, so items come back with entries.
      const config = smallEngineConfig(world.simulator.url, {
        method: 'remo-rag', epochs: 3, stepsPerEpoch: 4, split: { train: 12, val: 6, test: 6 }, initialPrompt: 'Solve it.', mergeThreshold: 0.99,
        // Any similarity retrieves: this test is about the exclusion rule, not the threshold.
        retrievalThreshold: 0,
      });
      const deps = world.deps(config);
      const { runId } = await createRun(deps, config);
      expect((await executeRun(deps, runId)).status).toBe('completed');
      const read = world.store.readStream.bind(world.store);
      let guarded = 0;
      let retrieved = 0;
      for (const event of world.store.readStream(runId).filter((e) => e.type === 'TrainBatchAnswered')) {
        const before = loadRunState(read, runId, { toPosition: event.globalPosition - 1, trackAnswers: false });
        for (const item of (event.data as TrainBatchAnsweredData).items) {
          const own = [...before.notebook.values()].filter((e) => e.itemIds.includes(item.itemId)).map((e) => e.entryId);
          if (own.length > 0) guarded++;
          retrieved += item.retrieved.length;
          for (const r of item.retrieved) expect(own).not.toContain(r.entryId);
          expect(item.retrieved.length).toBeLessThanOrEqual(3);
          // Best first, deterministic.
          const scores = item.retrieved.map((r) => r.score);
          expect([...scores].sort((a, b) => b - a)).toEqual(scores);
        }
      }
      expect(guarded).toBeGreaterThan(0);
      expect(retrieved).toBeGreaterThan(0);
    } finally {
      await world.dispose();
    }
  });

  it('keeps the lessons block within context.lessonsTokens: lower-ranked entries are left out, and counted', async () => {
    const world = await createEngineWorld({ seed: 4 });
    try {
      const config = smallEngineConfig(world.simulator.url, {
        method: 'remo-rag', epochs: 3, stepsPerEpoch: 4, split: { train: 12, val: 6, test: 6 }, initialPrompt: 'Solve it.', mergeThreshold: 0.99,
        retrievalThreshold: 0, context: { lessonsTokens: 200 },
      });
      const deps = world.deps(config);
      const { runId } = await createRun(deps, config);
      expect((await executeRun(deps, runId)).status).toBe('completed');
      const answers = world.store.readStream(runId).filter((e) => e.type === 'SolverAnswered').map((e) => e.data as SolverAnsweredData);
      const shown = answers.filter((a) => a.retrieved.length > 0);
      expect(shown.length).toBeGreaterThan(0);
      expect(answers.some((a) => (a.lessonsDropped ?? 0) > 0)).toBe(true);
      for (const a of answers) expect(a.retrieved.length + (a.lessonsDropped ?? 0)).toBeLessThanOrEqual(3);
      // What a request shows is what its event says: one record per retrieved entry.
      const state = loadRunState(world.store.readStream.bind(world.store), runId);
      expect(state.config!.lessonFormat).toBe('record');
    } finally {
      await world.dispose();
    }
  });
});
