import { describe, expect, it } from 'vitest';
import { createRun, executeRun, stateAt } from '../../../electron/core/engine';
import { NOTEBOOK_TABLE } from '../../../electron/core/projections/run/notebookTables';
import type { NotebookEntryWrittenData } from '../../../shared/events/run/runEventTypes';
import { createEngineWorld, smallEngineConfig } from './engineTestKit';

describe('immediate correction (notebook writes)', () => {
  it('writes an entry per failure with a lesson and its embedding, merges repeats, and resolves items answered right later', async () => {
    const world = await createEngineWorld({ seed: 4 });
    try {
      const config = smallEngineConfig(world.simulator.url, {
        method: 'remo-rag', epochs: 3, stepsPerEpoch: 4, split: { train: 12, val: 6, test: 6 }, initialPrompt: 'Solve it.', cache: false,
      });
      const deps = world.deps(config);
      const { runId } = await createRun(deps, config);
      expect((await executeRun(deps, runId)).status).toBe('completed');
      const events = world.store.readStream(runId);
      const writes = events.filter((e) => e.type === 'NotebookEntryWritten').map((e) => e.data as NotebookEntryWrittenData);
      const failures = events.filter((e) => e.type === 'TrainBatchAnswered')
        .flatMap((e) => (e.data as { items: { correct: boolean }[] }).items.filter((i) => !i.correct));
      expect(writes.length).toBe(failures.length);
      for (const w of writes) {
        expect(w.lesson.length).toBeGreaterThan(10);
        expect(w.calls.map((c) => c.role)).toEqual(['lessonWriter']);
        // Only a new entry carries its vector; updates keep the original one.
        expect(w.embedding !== undefined).toBe(w.merge === 'new');
      }
      const repeats = writes.filter((w) => w.merge === 'same-item');
      expect(repeats.length).toBeGreaterThan(0);
      for (const r of repeats) expect(r.failCount).toBeGreaterThan(1);

      const end = stateAt(world.store, runId, 'end');
      expect(end.notebook.length).toBe(writes.filter((w) => w.merge === 'new').length);
      const rows = world.store.db.prepare(`SELECT entry_id AS entryId, fail_count AS failCount, resolved FROM ${NOTEBOOK_TABLE} WHERE run_id = ? ORDER BY entry_id`).all(runId);
      expect(rows).toEqual(end.notebook.map((e) => ({ entryId: e.entryId, failCount: e.failCount, resolved: e.resolved ? 1 : 0 })));
      const vec = world.store.db.prepare('SELECT count(*) AS n FROM notebook_vec WHERE run_id = ?').get(runId) as { n: number };
      expect(vec.n).toBe(end.notebook.length);
      const resolved = events.filter((e) => e.type === 'NotebookEntryResolved');
      expect(resolved.length).toBeGreaterThan(0);
      // An entry can be resolved, fail again, and be resolved again: events >= entries resolved at the end.
      expect(resolved.length).toBeGreaterThanOrEqual(end.notebook.filter((e) => e.resolved).length);
    } finally {
      await world.dispose();
    }
  });

  it('with a low merge threshold, failures of different items update the most similar entry', async () => {
    const world = await createEngineWorld({ seed: 4 });
    try {
      const config = smallEngineConfig(world.simulator.url, {
        method: 'remo-rag', epochs: 2, stepsPerEpoch: 4, split: { train: 12, val: 3, test: 3 }, initialPrompt: 'Solve it.', mergeThreshold: -1,
      });
      const deps = world.deps(config);
      const { runId } = await createRun(deps, config);
      expect((await executeRun(deps, runId)).status).toBe('completed');
      const writes = world.store.readStream(runId).filter((e) => e.type === 'NotebookEntryWritten').map((e) => e.data as NotebookEntryWrittenData);
      const similar = writes.filter((w) => w.merge === 'similar');
      expect(similar.length).toBeGreaterThan(0);
      for (const s of similar) expect(s.similarity).toBeTypeOf('number');
      // Every later failure merges into an existing entry, so entries are created only in the first step with failures.
      const firstNewStep = writes.find((w) => w.merge === 'new')!;
      expect(writes.filter((w) => w.merge === 'new').every((w) => w.epoch === firstNewStep.epoch && w.step === firstNewStep.step)).toBe(true);
    } finally {
      await world.dispose();
    }
  });
});
