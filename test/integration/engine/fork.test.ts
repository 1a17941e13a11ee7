import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFork, createRun, executeRun, runSummary, stateAt } from '../../../electron/core/engine';
import { loadRunState } from '../../../electron/core/engine/loadRunState';
import { NOTEBOOK_TABLE } from '../../../electron/core/projections/run/notebookTables';
import { toRunStateView } from '../../../shared/fold/toRunStateView';
import { createEngineWorld, smallEngineConfig, type EngineWorld } from './engineTestKit';

let world: EngineWorld;
let parentId: string;
beforeAll(async () => {
  world = await createEngineWorld({ seed: 5 });
  const config = smallEngineConfig(world.simulator.url, { method: 'remo', split: { train: 12, val: 9, test: 9 } });
  const deps = world.deps(config);
  parentId = (await createRun(deps, config)).runId;
  expect((await executeRun(deps, parentId)).status).toBe('completed');
});
afterAll(async () => { await world.dispose(); });

/** The notebook projection's rows of a run, as comparable data. */
interface NotebookRow { entry_id: number; item_id: string; item_ids: string; lesson: string; fail_count: number; resolved: number }
function notebookRows(runId: string): NotebookRow[] {
  return world.store.db.prepare(`SELECT entry_id, item_id, item_ids, lesson, fail_count, resolved FROM ${NOTEBOOK_TABLE} WHERE run_id = ? ORDER BY entry_id`).all(runId) as NotebookRow[];
}
function vecCount(runId: string): number {
  return (world.store.db.prepare('SELECT count(*) AS n FROM notebook_vec WHERE run_id = ?').get(runId) as { n: number }).n;
}

describe('fork', () => {
  it('starts from exactly the parent\'s P, Q and notebook at the fork point, then runs with its overrides', async () => {
    const atEpoch1 = stateAt(world.store, parentId, { epoch: 1 });
    expect(atEpoch1.notebook.length).toBeGreaterThan(0);
    const config = smallEngineConfig(world.simulator.url, { method: 'remo' });
    const deps = world.deps(config);
    const { runId } = createFork(deps, parentId, { epoch: 1 }, { epochs: 3, retrievalK: 2 });

    const start = stateAt(world.store, runId, 'end');
    expect(start.prompt).toEqual(atEpoch1.prompt);
    expect(start.optimizerInstructions).toEqual(atEpoch1.optimizerInstructions);
    expect(start.notebook).toEqual(atEpoch1.notebook);
    expect(start.metrics).toEqual(atEpoch1.metrics);
    // Its own notebook partition, copied from the parent as of the fork point (not the parent's end).
    const parentRowsAtFork = atEpoch1.notebook.map((e) => e.entryId);
    expect(notebookRows(runId).map((r) => r.entry_id)).toEqual(parentRowsAtFork);
    expect(vecCount(runId)).toBe(parentRowsAtFork.length);

    const outcome = await executeRun(deps, runId);
    expect(outcome.status).toBe('completed');
    const summary = runSummary(world.store.db, runId);
    expect(summary).toMatchObject({ parentRunId: parentId, epochsPlanned: 3, epochsDone: 3, status: 'completed' });
    const own = world.store.readOwnEvents(runId);
    expect(own[0]!.type).toBe('RunForked');
    // Epoch 1 is the parent's; the fork runs epochs 2 and 3 only.
    expect(own.filter((e) => e.type === 'EpochCompleted').map((e) => (e.data as { epoch: number }).epoch)).toEqual([2, 3]);
    expect(own.filter((e) => e.type === 'SolverAnswered' || e.type === 'TrainBatchAnswered').length).toBeGreaterThan(0);
    const firstRetrieval = own.find((e) => e.type === 'TrainBatchAnswered')!.data as { items: { retrieved: unknown[] }[] };
    for (const item of firstRetrieval.items) expect(item.retrieved.length).toBeLessThanOrEqual(2);
    // The parent is untouched.
    expect(runSummary(world.store.db, parentId).status).toBe('completed');
  });

  it('a fork at a raw position mid-step continues from there', async () => {
    const events = world.store.readStream(parentId);
    const mid = events.find((e) => e.type === 'CritiqueWritten' || e.type === 'CritiqueSkipped')!;
    const config = smallEngineConfig(world.simulator.url, { method: 'remo' });
    const deps = world.deps(config);
    const { runId } = createFork(deps, parentId, { position: mid.globalPosition }, { method: 'remo-optimizer' });
    expect(stateAt(world.store, runId, 'end').prompt).toEqual(stateAt(world.store, parentId, { position: mid.globalPosition }).prompt);
    expect((await executeRun(deps, runId)).status).toBe('completed');
    expect(runSummary(world.store.db, runId).method).toBe('remo-optimizer');
  });

  it('a fork of a finished run at its end trains the added epochs and tests again', async () => {
    const config = smallEngineConfig(world.simulator.url, { method: 'remo' });
    const deps = world.deps(config);
    const { runId } = createFork(deps, parentId, 'end', { epochs: 3 });
    expect(stateAt(world.store, runId, 'end').status).toBe('running');
    expect((await executeRun(deps, runId)).status).toBe('completed');
    const own = world.store.readOwnEvents(runId).map((e) => e.type);
    expect(own.filter((t) => t === 'EpochCompleted')).toHaveLength(1);
    expect(own.at(-1)).toBe('RunCompleted');
    expect(runSummary(world.store.db, runId)).toMatchObject({ epochsDone: 3, status: 'completed' });
  });

  it('rejects overrides that would change what the parent\'s state means, writing nothing', () => {
    const deps = world.deps(smallEngineConfig(world.simulator.url));
    const before = world.store.lastGlobalPosition();
    expect(() => createFork(deps, parentId, { epoch: 1 }, { dataset: { name: 'other' } })).toThrow(/dataset/);
    expect(() => createFork(deps, parentId, { epoch: 1 }, { batchSize: 0 })).toThrow(/batchSize/);
    expect(() => createFork(deps, parentId, { epoch: 9 }, {})).toThrow(/epoch 9/);
    expect(world.store.lastGlobalPosition()).toBe(before);
  });
});

describe('cross-run memory', () => {
  it('a new run starts from another run\'s notebook and Q at one of its epochs', async () => {
    const source = stateAt(world.store, parentId, { epoch: 1 });
    const config = smallEngineConfig(world.simulator.url, {
      method: 'remo', epochs: 1, seed: 1, memory: { fromRunId: parentId, atEpoch: 1, notebook: true, optimizerInstructions: true },
    });
    const deps = world.deps(config);
    const { runId } = await createRun(deps, config);
    const start = stateAt(world.store, runId, 'end');
    expect(start.notebook).toEqual(source.notebook);
    expect(start.optimizerInstructions.text).toBe(source.optimizerInstructions.text);
    expect(start.prompt.version).toBe(0);
    expect(notebookRows(runId)).toEqual(notebookRows(parentId).filter((r) => source.notebook.some((e) => e.entryId === r.entry_id)).map((r) => {
      const e = source.notebook.find((n) => n.entryId === r.entry_id)!;
      return { ...r, lesson: e.lesson, fail_count: e.failCount, resolved: e.resolved ? 1 : 0 };
    }));
    const started = world.store.readStream(runId)[0]!.data as { memory: { fromRunId: string; position: number } };
    expect(started.memory).toMatchObject({ fromRunId: parentId, position: source.position });
    expect((await executeRun(deps, runId)).status).toBe('completed');
  });

  it('an unknown source run is a config error naming the field', async () => {
    const config = smallEngineConfig(world.simulator.url, { memory: { fromRunId: 'nope' } });
    await expect(createRun(world.deps(smallEngineConfig(world.simulator.url)), config)).rejects.toThrow(/memory\.fromRunId/);
  });
});

describe('time travel', () => {
  it('stateAt (from snapshots) equals the plain fold of the log at every position of every run, forks included', async () => {
    const read = world.store.readStream.bind(world.store);
    const runs = world.store.listStreams();
    expect(runs.length).toBeGreaterThanOrEqual(3);
    let checked = 0;
    for (const runId of runs) {
      for (const event of world.store.readStream(runId)) {
        const { eventsAround, ...view } = stateAt(world.store, runId, { position: event.globalPosition });
        const plain = toRunStateView(loadRunState(read, runId, { toPosition: event.globalPosition, trackAnswers: false }));
        expect(view).toEqual(plain);
        expect(eventsAround.some((e) => e.globalPosition === event.globalPosition)).toBe(true);
        checked++;
      }
      const { eventsAround: _e, ...end } = stateAt(world.store, runId, 'end');
      expect(end).toEqual(toRunStateView(loadRunState(read, runId, { trackAnswers: false })));
    }
    expect(checked).toBeGreaterThan(300);
  });
});
