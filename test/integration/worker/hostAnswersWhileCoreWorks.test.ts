import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCorePool, type CoreWorker } from '../../../electron/core/worker';
import { startWebHost, type WebHost } from '../../../electron/host';
import { buildSyntheticRun } from '../../bench/support/buildSyntheticRun';
import { openStore } from '../engine/engineTestKit';

/**
 * The reason for the core worker: the web host's own thread only relays, so it keeps answering
 * while the core works through a 50,000-event run. Asserted by order, not by time: every cheap
 * call made while a whole-log operation is in flight is answered before that operation ends.
 * With the core on the host's thread (before), none could be: the operation is synchronous.
 */
describe('the web host while the core worker works through a 50,000-event run', () => {
  let dir: string;
  let pool: CoreWorker;
  let host: WebHost;
  let events = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'remo-worker-host-'));
    const dbPath = path.join(dir, 'big.db');
    const store = openStore(dbPath);
    events = buildSyntheticRun(store, { runId: 'big', minEvents: 50_000, val: 100, test: 100 }).events;
    store.close();
    pool = await startCorePool({ dbPath, version: '0.0.0-test', readers: 2 });
    host = await startWebHost({ api: { invokeJson: (method, body) => pool.invokeJson('web', method, body), subscribe: (listener) => pool.subscribe(listener) } });
  }, 240_000);

  afterAll(async () => {
    await host?.close();
    await pool?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = async (method: string, args: unknown) => {
    const response = await fetch(`${host.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Remo-Token': host.token },
      body: JSON.stringify(args),
    });
    return (await response.json()) as { ok: boolean; value?: unknown };
  };

  it('answers app.info and run reads while the whole log is folded into new projections and verified', async () => {
    expect(events).toBeGreaterThanOrEqual(50_000);
    let heavyDone = 0;
    // Whole-log work: the writer folds every event into fresh projections (store.rebuild), and a
    // reader walks the hash chain of every event (store.verify).
    const heavy = [post('store.rebuild', {}), post('store.verify', {})].map((call) =>
      call.then((answer) => {
        heavyDone++;
        return answer;
      }),
    );
    const answeredBefore: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const info = await post('app.info', {});
      expect(info.ok).toBe(true);
      answeredBefore.push(heavyDone === 0);
      const page = await fetch(`${host.origin}/api/runs.summary`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Remo-Token': host.token },
        body: JSON.stringify({ runId: 'big' }),
      });
      expect(page.status).toBe(200);
    }
    const [rebuilt, verified] = await Promise.all(heavy);
    expect(rebuilt).toMatchObject({ ok: true, value: { events } });
    expect(verified).toMatchObject({ ok: true, value: { ok: true } });
    // Every cheap call came back while both were still running.
    expect(answeredBefore).toEqual([true, true, true, true, true]);
  }, 120_000);
});
