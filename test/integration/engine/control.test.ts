import { describe, expect, it } from 'vitest';
import { createRun, executeRun, runSummary } from '../../../electron/core/engine';
import { PROMPT_VERSIONS_TABLE } from '../../../electron/core/projections/run/promptVersionsProjection';
import { comparable, createEngineWorld, smallEngineConfig } from './engineTestKit';

describe('pause and stop at safe points', () => {
  it('pause records RunPaused; executeRun again resumes (RunResumed) and completes like an uninterrupted run', async () => {
    const world = await createEngineWorld();
    try {
      const config = smallEngineConfig(world.simulator.url, { method: 'remo', cache: false });
      const deps = world.deps(config);
      const reference = await createRun(deps, config);
      await executeRun(deps, reference.runId);

      const { runId } = await createRun(deps, config);
      let phases = 0;
      const paused = await executeRun(deps, runId, { control: () => (phases >= 6 ? 'pause' : 'continue'), onProgress: () => { phases++; } });
      expect(paused).toMatchObject({ status: 'paused', reason: 'paused on request' });
      expect(world.store.readStream(runId).at(-1)!.type).toBe('RunPaused');
      expect(runSummary(world.store.db, runId)).toMatchObject({ status: 'paused', statusReason: 'paused on request' });

      const outcome = await executeRun(deps, runId);
      expect(outcome.status).toBe('completed');
      const events = comparable(world.store.readStream(runId)).slice(1) as { type: string }[];
      const withoutControl = events.filter((e) => e.type !== 'RunPaused' && e.type !== 'RunResumed');
      expect(events.length - withoutControl.length).toBe(2);
      expect(withoutControl).toEqual(comparable(world.store.readStream(reference.runId)).slice(1));
    } finally {
      await world.dispose();
    }
  });

  it('stop records RunStopped (user) and the run stays stopped', async () => {
    const world = await createEngineWorld();
    try {
      const config = smallEngineConfig(world.simulator.url, { method: 'textgrad' });
      const deps = world.deps(config);
      const { runId } = await createRun(deps, config);
      let phases = 0;
      const stopped = await executeRun(deps, runId, { control: () => (phases >= 3 ? 'stop' : 'continue'), onProgress: () => { phases++; } });
      expect(stopped.status).toBe('stopped');
      expect(world.store.readStream(runId).at(-1)!.data).toEqual({ kind: 'user', reason: 'stopped on request' });
      const length = world.store.readStream(runId).length;
      expect((await executeRun(deps, runId)).status).toBe('stopped');
      expect(world.store.readStream(runId)).toHaveLength(length);
    } finally {
      await world.dispose();
    }
  });
});

describe('prompt versions read model', () => {
  it('lists the initial P and Q, then every accepted or rejected version with its scores', async () => {
    const world = await createEngineWorld();
    try {
      const config = smallEngineConfig(world.simulator.url, { method: 'remo', validationGate: true });
      const deps = world.deps(config);
      const { runId } = await createRun(deps, config);
      await executeRun(deps, runId);
      const rows = world.store.db.prepare(`SELECT kind, version, status FROM ${PROMPT_VERSIONS_TABLE} WHERE run_id = ? ORDER BY position, kind`).all(runId) as { kind: string; version: number | null; status: string }[];
      expect(rows.slice(0, 2)).toEqual([{ kind: 'optimizer', version: 0, status: 'initial' }, { kind: 'prompt', version: 0, status: 'initial' }]);
      const events = world.store.readStream(runId);
      const count = (type: string) => events.filter((e) => e.type === type).length;
      expect(rows.filter((r) => r.kind === 'prompt' && r.status === 'accepted')).toHaveLength(count('PromptAccepted'));
      expect(rows.filter((r) => r.kind === 'prompt' && r.status === 'rejected')).toHaveLength(count('PromptRejected'));
      expect(rows.filter((r) => r.kind === 'optimizer' && r.status !== 'initial')).toHaveLength(count('OptimizerInstructionsUpdated') + count('OptimizerInstructionsRejected'));
    } finally {
      await world.dispose();
    }
  });
});
