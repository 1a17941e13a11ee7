import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../shared/api/runViews';
import { fail, ok, type ApiResult } from '../../../shared/api/result';
import { createApiClient, type ApiTransport } from '../../../shared/api/transport';
import { createAppStore } from '../../../renderer/store/appStore';
import { runsToResume } from '../../../renderer/store/runsToResume';

/** Only the fields the resume offer and the endpoint list read. */
const run = (runId: string, status: RunSummary['status'], extra: Partial<RunSummary> = {}) =>
  ({ runId, name: runId, status, createdAt: '2026-01-01T00:00:00Z', epochsDone: 1, epochsPlanned: 3, ...extra }) as RunSummary;

/** A store over a scripted transport: `answer` decides each call, every call is recorded. */
function storeWith(answer: (method: string, args: unknown) => ApiResult<unknown>) {
  const calls: Array<[string, unknown]> = [];
  const transport: ApiTransport = {
    invoke: async (method, args) => {
      calls.push([method, args]);
      return answer(method, args);
    },
    subscribe: () => () => undefined,
  };
  return { store: createAppStore(createApiClient(transport), 'web'), calls };
}

describe('resume offer', () => {
  it('picks paused and interrupted runs that are not archived', () => {
    const runs = [run('a', 'paused'), run('b', 'interrupted'), run('c', 'running'), run('d', 'completed'), run('e', 'paused', { archived: true })];
    expect(runsToResume(runs).map((r) => r.runId)).toEqual(['a', 'b']);
  });

  it('is taken from the first list only, so pauses made later in the session are not offered', async () => {
    let runs = [run('a', 'paused'), run('b', 'completed')];
    const { store, calls } = storeWith((method) => (method === 'runs.list' ? ok(runs) : method === 'runs.resume' ? ok({ runId: 'a' }) : fail('not-found', 'x')));
    await store.getState().loadRuns();
    expect(store.getState().resumeOffer).toEqual(['a']);
    runs = [run('a', 'paused'), run('b', 'paused')];
    await store.getState().loadRuns();
    expect(store.getState().resumeOffer).toEqual(['a']);
    expect(await store.getState().resumeRunById('a')).toBe(true);
    expect(calls).toContainEqual(['runs.resume', { runId: 'a' }]);
    store.getState().dismissResumeOffer();
    expect(store.getState().resumeOffer).toEqual([]);
  });

  it('shows a failed resume as the notice', async () => {
    const { store } = storeWith((method) => (method === 'runs.list' ? ok([]) : fail('conflict', 'run a is executing in another process')));
    expect(await store.getState().resumeRunById('a')).toBe(false);
    expect(store.getState().notice).toMatchObject({ code: 'conflict' });
  });
});

describe('keys in the renderer store', () => {
  it('lists default, recorded and stored endpoint names, and never asks for a key back', async () => {
    let stored: string[] = ['hosted'];
    const { store, calls } = storeWith((method, args) => {
      switch (method) {
        case 'keys.status': return ok({ available: true, stored });
        case 'runs.validateConfig': return ok({ ok: true, issues: [], resolved: { endpoints: [{ name: 'default' }] } });
        case 'runs.events': return ok({ events: [{ data: { config: { endpoints: [{ name: 'dashscope' }, { name: 'local' }] } } }], nextAfterPosition: null });
        case 'keys.set': stored = [...stored, (args as { endpoint: string }).endpoint]; return ok({ endpoint: 'x', stored: true });
        default: return fail('not-found', method);
      }
    });
    store.setState({ runs: [run('r1', 'completed')] });
    await store.getState().loadKeys();
    expect(store.getState().keyEndpoints).toEqual(['dashscope', 'default', 'hosted', 'local']);
    expect(store.getState().keysStatus).toEqual({ available: true, stored: ['hosted'] });
    expect(await store.getState().saveKey('local', 'sk-x')).toBeNull();
    expect(store.getState().keysStatus?.stored).toEqual(['hosted', 'local']);
    expect(calls.map(([method]) => method).filter((m) => m.startsWith('keys.'))).toEqual(['keys.status', 'keys.set', 'keys.status']);
  });

  it('keeps the host\'s unavailable answer (the browser build) to show instead of the form', async () => {
    const { store } = storeWith((method) =>
      method === 'keys.status' ? fail('unavailable', "API keys are kept by the desktop app; here use an environment variable named in the endpoint's apiKeyEnv") : fail('internal', 'x'),
    );
    await store.getState().loadKeys();
    expect(store.getState().keysStatus).toBeNull();
    expect(store.getState().keysError).toMatchObject({ code: 'unavailable', message: expect.stringContaining('apiKeyEnv') });
    expect(store.getState().keyEndpoints).toEqual(['default']);
  });
});
