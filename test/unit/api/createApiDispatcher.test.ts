import { describe, expect, it } from 'vitest';
import { createApiDispatcher } from '../../../electron/core/api/createApiDispatcher';
import { createApiHandlers } from '../../../electron/core/api/createApiHandlers';
import { createFakeRunService } from '../../contract/fakeRunService';
import { createFakeTimelineQueries } from '../../contract/fakeTimelineQueries';

function dispatcherWith(overrides: Partial<Parameters<typeof createApiHandlers>[0]> = {}) {
  const runs = createFakeRunService();
  const handlers = createApiHandlers(
    {
      runs,
      timeline: createFakeTimelineQueries(runs),
      verifyStore: () => ({ ok: true, eventsChecked: 0 }),
      info: () => ({ name: 'REMO Studio', version: '1.2.3', dbPath: '/db', simulator: false }),
      ...overrides,
    },
    'in-process',
  );
  return { runs, dispatch: createApiDispatcher(handlers) };
}

describe('createApiDispatcher', () => {
  it('given no arguments for an argument-less method, when called, then it answers', async () => {
    const { dispatch } = dispatcherWith();
    expect(await dispatch('app.info', undefined)).toEqual({
      ok: true,
      value: { name: 'REMO Studio', version: '1.2.3', dbPath: '/db', simulator: false, transport: 'in-process' },
    });
  });

  it('given a prototype key as method name, then it is an unknown method (no prototype lookup)', async () => {
    const { dispatch } = dispatcherWith();
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(await dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
  });

  it('given a handler that throws, then the error becomes an envelope and nothing is rethrown', async () => {
    const { dispatch } = dispatcherWith({
      verifyStore: () => {
        throw new TypeError('boom');
      },
    });
    expect(await dispatch('store.verify', {})).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('given a core config error, then it is a bad-request with the core message', async () => {
    const { dispatch } = dispatcherWith();
    const result = await dispatch('runs.start', { config: { method: 'bogus' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('method must be') } });
  });

  it('given defaults for new runs, then runs.start merges them under the caller config', async () => {
    const runs = createFakeRunService();
    const seen: unknown[] = [];
    const start = runs.start.bind(runs);
    runs.start = async (config) => {
      seen.push(config);
      return start(config);
    };
    const dispatch = createApiDispatcher(
      createApiHandlers(
        {
          runs,
          timeline: createFakeTimelineQueries(runs),
          verifyStore: () => ({ ok: true, eventsChecked: 0 }),
          info: () => ({ name: 'n', version: '0.0.0', dbPath: '/db', simulator: true }),
          defaultRunConfig: () => ({ endpoints: ['sim'], epochs: 1 }),
        },
        'web',
      ),
    );
    expect(await dispatch('runs.start', { config: { method: 'remo', epochs: 3 } })).toMatchObject({ ok: true });
    expect(seen).toEqual([{ endpoints: ['sim'], epochs: 3, method: 'remo' }]);
  });

  it('given a gateway-less process, then llm.testConnection is unavailable, not a crash', async () => {
    const { dispatch } = dispatcherWith();
    expect(await dispatch('llm.testConnection', { endpoint: 'default' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
