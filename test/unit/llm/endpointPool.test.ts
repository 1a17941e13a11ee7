import { describe, expect, it } from 'vitest';
import { EndpointPool } from '../../../electron/core/llm/concurrency/endpointPool';
import type { EndpointProfile } from '../../../electron/core/llm/types';

const endpoint = (name: string, maxConcurrency: number): EndpointProfile => ({ name, kind: 'simulator', baseURL: 'http://127.0.0.1:1/v1', model: 'm', maxConcurrency, timeoutMs: 1000 });
const abortReason = () => new Error('aborted');

describe('EndpointPool', () => {
  it('never hands out more slots than maxConcurrency and serves waiters in order', async () => {
    const pool = new EndpointPool();
    const a = [endpoint('a', 2)];
    const first = await pool.acquire(a, undefined, abortReason);
    const second = await pool.acquire(a, undefined, abortReason);
    const order: number[] = [];
    const third = pool.acquire(a, undefined, abortReason).then((lease) => (order.push(3), lease));
    const fourth = pool.acquire(a, undefined, abortReason).then((lease) => (order.push(4), lease));
    expect(pool.inFlight('a')).toBe(2);
    expect(pool.queued).toBe(2);
    first.release();
    first.release(); // idempotent: must not free a second slot
    await third;
    expect(pool.inFlight('a')).toBe(2);
    expect(pool.queued).toBe(1);
    second.release();
    await fourth;
    expect(order).toEqual([3, 4]);
  });

  it('picks the candidate with the fewest in flight', async () => {
    const pool = new EndpointPool();
    const group = [endpoint('a', 4), endpoint('b', 4)];
    const picks: string[] = [];
    for (let i = 0; i < 4; i += 1) picks.push((await pool.acquire(group, undefined, abortReason)).endpoint.name);
    expect(picks.sort()).toEqual(['a', 'a', 'b', 'b']);
  });

  it('a waiter aborted in the queue rejects and never takes a slot', async () => {
    const pool = new EndpointPool();
    const a = [endpoint('a', 1)];
    const held = await pool.acquire(a, undefined, abortReason);
    const controller = new AbortController();
    const waiting = pool.acquire(a, controller.signal, abortReason);
    controller.abort();
    await expect(waiting).rejects.toThrow('aborted');
    expect(pool.queued).toBe(0);
    held.release();
    expect(pool.inFlight('a')).toBe(0);
  });
});
