import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiService } from '../../../electron/core/api';
import { createApiClient } from '../../../shared/api/transport';
import { createAppStore } from '../../../renderer/store/appStore';
import { createFakeRunService } from '../../contract/fakeRunService';
import { createFakeTimelineQueries } from '../../contract/fakeTimelineQueries';

async function storeOverFakeCore() {
  const runs = createFakeRunService();
  const { runId } = await runs.start({ name: 'first', method: 'remo' });
  const api = createApiService({
    runs,
    timeline: createFakeTimelineQueries(runs),
    verifyStore: () => ({ ok: true, eventsChecked: 0 }),
    info: () => ({ name: 'REMO Studio', version: '0.1.0', dbPath: '/db', simulator: true }),
  });
  const client = createApiClient(api.inProcess());
  const store = createAppStore(client, 'web');
  client.on('runs.appended', (batches) => store.getState().onRunsAppended(batches));
  return { runs, runId, store };
}

/** Waits until the store has no fold in flight for its cursor. */
async function settled(store: ReturnType<typeof createAppStore>): Promise<void> {
  for (let i = 0; i < 50; i += 1) {
    const state = store.getState();
    if (!state.detailLoading && state.pointState?.position === state.timeline?.positions[state.cursor]) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the store did not settle');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the renderer store', () => {
  it('caches the run list and the app info from the core', async () => {
    const { store, runId } = await storeOverFakeCore();
    await Promise.all([store.getState().loadRuns(), store.getState().loadInfo()]);
    expect(store.getState().runs.map((r) => r.runId)).toEqual([runId]);
    expect(store.getState().info?.transport).toBe('in-process');
  });

  it('selecting a run loads its timeline, versions and the state at the end; scrubbing loads the point', async () => {
    const { store, runId } = await storeOverFakeCore();
    await store.getState().selectRun(runId);
    await settled(store);
    expect(store.getState().timeline?.epochEnds).toHaveLength(3);
    expect(store.getState().versions?.filter((v) => v.kind === 'prompt')).toHaveLength(3);
    expect(store.getState().pointState?.prompt.text).toBe('prompt after epoch 2');
    store.getState().scrubToEpoch(1, 'test');
    await settled(store);
    expect(store.getState().pointState?.prompt).toEqual({ version: 1, text: 'prompt after epoch 1' });
    expect(store.getState().lastInput?.kind).toBe('test');
    store.getState().scrubToIndex(0);
    await settled(store);
    expect(store.getState().cursor).toBe(0);
    expect(store.getState().pointState?.position).toBe(store.getState().timeline?.positions[0]);
  });

  it('opens a run at a linked position', async () => {
    const { store, runId } = await storeOverFakeCore();
    await store.getState().selectRun(runId, 2);
    await settled(store);
    expect(store.getState().pointState?.position).toBe(2);
    expect(store.getState().following).toBe(false);
  });

  it('an unknown run shows the core error, not an exception', async () => {
    const { store } = await storeOverFakeCore();
    await store.getState().selectRun('missing');
    expect(store.getState().detailError?.code).toBe('not-found');
  });

  it('forking at the scrubbed epoch selects the child run', async () => {
    const { store, runId } = await storeOverFakeCore();
    await store.getState().selectRun(runId);
    store.getState().scrubToEpoch(1);
    await settled(store);
    await store.getState().forkHere();
    expect(store.getState().selectedRunId).not.toBe(runId);
    expect(store.getState().summary?.parentRunId).toBe(runId);
    expect(store.getState().runs).toHaveLength(2);
  });

  it('pushed events refresh the list once per burst', async () => {
    vi.useFakeTimers();
    const { store, runs, runId } = await storeOverFakeCore();
    const spy = vi.spyOn(runs, 'list');
    for (let i = 0; i < 20; i += 1) runs.emit(runId, 'Tick');
    expect(spy).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(300);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(store.getState().runsLoaded).toBe(true);
  });

  it('a failed start shows the envelope as a notice', async () => {
    const { store } = await storeOverFakeCore();
    expect(await store.getState().startRun({ method: 'bogus' })).toBe(false);
    expect(store.getState().notice?.code).toBe('bad-request');
  });
});
