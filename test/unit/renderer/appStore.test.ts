import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiService } from '../../../electron/core/api';
import { createApiClient } from '../../../shared/api/transport';
import { createAppStore } from '../../../renderer/store/appStore';
import { createFakeRunService } from '../../contract/fakeRunService';

async function storeOverFakeCore() {
  const runs = createFakeRunService();
  const { runId } = await runs.start({ name: 'first', method: 'remo' });
  const api = createApiService({
    runs,
    verifyStore: () => ({ ok: true, eventsChecked: 0 }),
    info: () => ({ name: 'REMO Studio', version: '0.1.0', dbPath: '/db', simulator: true }),
  });
  const client = createApiClient(api.inProcess());
  const store = createAppStore(client, 'web');
  client.on('events.appended', (events) => store.getState().onEventsAppended(events));
  return { runs, runId, store };
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

  it('selecting a run loads its end state; scrubbing loads the epoch and the previous prompt', async () => {
    const { store, runId } = await storeOverFakeCore();
    await store.getState().selectRun(runId);
    expect(store.getState().endState?.metrics).toHaveLength(3);
    expect(store.getState().pointState?.prompt.text).toBe('prompt after epoch 2');
    await store.getState().scrubTo(1);
    expect(store.getState().point).toBe(1);
    expect(store.getState().pointState?.prompt).toEqual({ version: 1, text: 'prompt after epoch 1' });
    expect(store.getState().previousPrompt).toEqual({ version: 0, text: 'prompt after epoch 0' });
    await store.getState().scrubTo(0);
    expect(store.getState().previousPrompt).toBeNull();
  });

  it('an unknown run shows the core error, not an exception', async () => {
    const { store } = await storeOverFakeCore();
    await store.getState().selectRun('missing');
    expect(store.getState().detailError?.code).toBe('not-found');
  });

  it('forking at the scrubbed epoch selects the child run', async () => {
    const { store, runId } = await storeOverFakeCore();
    await store.getState().selectRun(runId);
    await store.getState().scrubTo(1);
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
