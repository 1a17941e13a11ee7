import { describe, expect, it } from 'vitest';
import { createRun, executeRun } from '../../../electron/core/engine';
import type { StoredEvent } from '../../../shared/events/envelope';
import { comparable, createEngineWorld, smallEngineConfig } from './engineTestKit';

const labelOf = (e: StoredEvent) => (e.type === 'EvaluationCompleted' ? (e.data as { label: string }).label : undefined);

/** Where the seed test landed: the events of its append, and the event right after them. */
function seedTestLanding(events: readonly StoredEvent[]) {
  const at = events.findIndex((e) => labelOf(e) === 'seed-test');
  let first = at;
  while (first > 0 && events[first - 1]!.metadata.phase === 'seed-test') first -= 1;
  return { first, at, next: events[at + 1] };
}

describe('measurements off the critical path', () => {
  it('the seed test lands right before close-epoch 1 and the prompt-only test right after the test', async () => {
    const world = await createEngineWorld({ latencyMs: 3 });
    try {
      const config = smallEngineConfig(world.simulator.url, { method: 'remo', cache: false });
      const deps = world.deps(config);
      const { runId } = await createRun(deps, config);
      const progress: { done: number; total: number; phase: string }[] = [];
      expect((await executeRun(deps, runId, { onProgress: (p) => progress.push(p) })).status).toBe('completed');
      // The seed test counts once it has landed; the bar never goes back.
      const done = progress.map((p) => p.done);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(progress.find((p) => p.phase.includes('close-epoch e0'))!.done).toBe(1);
      expect(done.at(-1)).toBe(progress[0]!.total);
      const events = world.store.readStream(runId);
      const { first, at, next } = seedTestLanding(events);
      // One append: the seed test's solver answers, then its evaluation; close-epoch 1 follows.
      expect(events.slice(first, at + 1).map((e) => e.type)).toEqual([...Array<string>(at - first).fill('SolverAnswered'), 'EvaluationCompleted']);
      expect(at - first).toBe(9);
      expect(next).toMatchObject({ type: 'EpochCompleted', data: { epoch: 1 } });
      // Epoch 0 closed long before: the steps of epoch 1 did not wait for it.
      const epoch0 = events.findIndex((e) => e.type === 'EpochCompleted');
      expect(events.slice(epoch0, first).filter((e) => e.type === 'TrainBatchAnswered')).toHaveLength(2);
      expect(events.filter((e) => e.metadata.phase === 'seed-test').every((e) => e.type !== 'EvaluationCompleted' || (e.data as { epoch: number }).epoch === 0)).toBe(true);
      const labels = events.map(labelOf).filter((l) => l !== undefined);
      expect(labels.slice(-2)).toEqual(['test', 'test-prompt-only']);
      // Nothing was asked twice: the prompt-only test, started beside the test, left it the
      // requests they share (items that retrieve no lesson) and reused them from the log.
      const logged = events.flatMap((e) => ((e.data as { calls?: { role: string }[] }).calls ?? []).filter((c) => c.role === 'solver'));
      expect(world.simulator.stats().byRole.solver).toBe(logged.length);
      const promptOnly = events.find((e) => labelOf(e) === 'test-prompt-only')!.data as { items: { reused: boolean }[] };
      expect(promptOnly.items.some((i) => i.reused)).toBe(true);
    } finally {
      await world.dispose();
    }
  });

  it('a run interrupted while its seed test is in the background resumes to the uninterrupted run\'s events, the seed test at the same position', async () => {
    const world = await createEngineWorld({ latencyMs: 15, seed: 4 });
    try {
      // A seeded notebook: the seed test retrieves lessons, so a relaunch must retrieve from the
      // notebook as it was at the seed, not as epoch 1 left it.
      const sourceConfig = smallEngineConfig(world.simulator.url, { method: 'remo', cache: false, epochs: 1 });
      const source = await createRun(world.deps(sourceConfig), sourceConfig);
      expect((await executeRun(world.deps(sourceConfig), source.runId)).status).toBe('completed');
      const config = smallEngineConfig(world.simulator.url, { method: 'remo', cache: false, retrievalThreshold: 0, memory: { fromRunId: source.runId, notebook: true } });
      const deps = world.deps(config);

      const reference = await createRun(deps, config);
      expect((await executeRun(deps, reference.runId)).status).toBe('completed');
      const referenceEvents = world.store.readStream(reference.runId);
      const expected = comparable(referenceEvents).slice(1);
      const seedAnswers = referenceEvents.filter((e) => e.metadata.phase === 'seed-test' && e.type === 'SolverAnswered');
      expect(seedAnswers.some((e) => (e.data as { retrieved: unknown[] }).retrieved.length > 0)).toBe(true);

      const { runId } = await createRun(deps, config);
      // 1: while its calls are on the wire; 2: after epoch 1's notebook phases wrote to the notebook.
      for (const after of ['close-epoch e0', 'epoch-val e1']) {
        const controller = new AbortController();
        const outcome = await executeRun(deps, runId, {
          signal: controller.signal,
          onProgress: (progress) => { if (progress.phase.includes(after)) setTimeout(() => controller.abort(), 5); },
        });
        expect(outcome.status).toBe('interrupted');
        const log = world.store.readStream(runId);
        // Nothing of the background measurement was logged.
        expect(log.some((e) => e.metadata.phase === 'seed-test')).toBe(false);
        expect(log.at(-1)!.type).not.toBe('SolverAnswered');
      }
      // The relaunch below starts from a notebook that epoch 1 changed.
      expect(world.store.readStream(runId).some((e) => e.type === 'NotebookEntryWritten')).toBe(true);
      expect((await executeRun(deps, runId)).status).toBe('completed');
      const events = world.store.readStream(runId);
      expect(comparable(events).slice(1)).toEqual(expected);
      expect(seedTestLanding(events).at).toBe(seedTestLanding(referenceEvents).at);
    } finally {
      await world.dispose();
    }
  });

  it('a seed test that fails in the background is measured again at its landing point, as a phase', async () => {
    const world = await createEngineWorld({ latencyMs: 3 });
    try {
      const config = smallEngineConfig(world.simulator.url, { method: 'textgrad', cache: false });
      const deps = world.deps(config, { retries: 1 });
      const reference = await createRun(deps, config);
      expect((await executeRun(deps, reference.runId)).status).toBe('completed');

      const { runId } = await createRun(deps, config);
      // The next chat request after seed-val is the background seed test's first.
      const outcome = await executeRun(deps, runId, {
        onProgress: (progress) => { if (progress.phase.includes('seed-val')) world.simulator.injectFaults('server-error', 1); },
      });
      expect(outcome.status).toBe('completed');
      expect(world.simulator.stats().faults['server-error']).toBe(1);
      const events = world.store.readStream(runId);
      expect(events.some((e) => e.type === 'PhaseFailed')).toBe(false);
      expect(comparable(events).slice(1)).toEqual(comparable(world.store.readStream(reference.runId)).slice(1));
    } finally {
      await world.dispose();
    }
  });

  it('pausing with the seed test in the background logs nothing of it; resuming measures it again', async () => {
    const world = await createEngineWorld({ latencyMs: 10 });
    try {
      const config = smallEngineConfig(world.simulator.url, { method: 'textgrad', cache: false });
      const deps = world.deps(config);
      const { runId } = await createRun(deps, config);
      let closed = false;
      const paused = await executeRun(deps, runId, {
        control: () => (closed ? 'pause' : 'continue'),
        onProgress: (progress) => { if (progress.phase.includes('close-epoch e0')) closed = true; },
      });
      expect(paused.status).toBe('paused');
      const solverCalls = world.simulator.stats().byRole.solver ?? 0;
      const log = world.store.readStream(runId);
      expect(log.at(-1)!.type).toBe('RunPaused');
      expect(log.some((e) => labelOf(e) === 'seed-test')).toBe(false);
      // 9 val items at the seed; the 9 test items of the dropped measurement may have been sent too.
      expect(solverCalls).toBeGreaterThanOrEqual(9);
      expect((await executeRun(deps, runId)).status).toBe('completed');
      const events = world.store.readStream(runId);
      expect(events.filter((e) => labelOf(e) === 'seed-test')).toHaveLength(1);
      expect(seedTestLanding(events).next).toMatchObject({ type: 'EpochCompleted', data: { epoch: 1 } });
    } finally {
      await world.dispose();
    }
  });
});
