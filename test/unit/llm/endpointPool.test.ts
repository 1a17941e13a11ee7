import { describe, expect, it } from 'vitest';
import { EndpointPool, type EndpointLease } from '../../../electron/core/llm/concurrency/endpointPool';
import { serverKeyOf } from '../../../electron/core/llm/concurrency/serverKey';
import type { EndpointProfile, RequestPriority } from '../../../electron/core/llm/types';

/** An endpoint on its own server (one per name) unless `baseURL` says otherwise. */
const endpoint = (name: string, maxConcurrency: number, baseURL = `http://127.0.0.1:1/${name}/v1`, model = 'm'): EndpointProfile =>
  ({ name, kind: 'simulator', baseURL, model, maxConcurrency, timeoutMs: 1000 });
const abortReason = () => new Error('aborted');

/** Acquires in the background and records the order in which waiters get their slot. */
function track(pool: EndpointPool, order: string[]) {
  const leases = new Map<string, EndpointLease>();
  return {
    leases,
    ask(label: string, candidates: readonly EndpointProfile[], priority: RequestPriority = 'decision', signal?: AbortSignal) {
      return pool.acquire(candidates, signal, abortReason, priority).then((lease) => {
        order.push(label);
        leases.set(label, lease);
        return lease;
      });
    },
  };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('EndpointPool', () => {
  it('never hands out more slots than maxConcurrency and serves waiters in order', async () => {
    const pool = new EndpointPool();
    const a = [endpoint('a', 2)];
    const first = await pool.acquire(a, undefined, abortReason);
    const second = await pool.acquire(a, undefined, abortReason);
    const order: number[] = [];
    const third = pool.acquire(a, undefined, abortReason).then((lease) => (order.push(3), lease));
    const fourth = pool.acquire(a, undefined, abortReason).then((lease) => (order.push(4), lease));
    expect(pool.inFlight(a[0]!)).toBe(2);
    expect(pool.queued).toBe(2);
    first.release();
    first.release(); // idempotent: must not free a second slot
    await third;
    expect(pool.inFlight(a[0]!)).toBe(2);
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
    expect(pool.inFlight(a[0]!)).toBe(0);
  });
});

describe('EndpointPool: one server, whatever the endpoints are called', () => {
  it('keys a server by normalised base URL and model, not by endpoint name', () => {
    expect(serverKeyOf({ baseURL: 'HTTP://LocalHost:8000/v1/', model: 'q' })).toBe(serverKeyOf({ baseURL: 'http://localhost:8000/v1', model: 'q' }));
    expect(serverKeyOf({ baseURL: 'https://Example.com:443/v1//', model: 'q' })).toBe(serverKeyOf({ baseURL: 'https://example.com/v1', model: 'q' }));
    expect(serverKeyOf({ baseURL: 'http://localhost:8000/v1', model: 'q' })).not.toBe(serverKeyOf({ baseURL: 'http://localhost:8000/v1', model: 'other' }));
    expect(serverKeyOf({ baseURL: 'http://localhost:8000/v1', model: 'q' })).not.toBe(serverKeyOf({ baseURL: 'http://localhost:8001/v1', model: 'q' }));
  });

  it('two runs naming one server differently share its cap; one name on two servers does not', async () => {
    const pool = new EndpointPool();
    const runA = [endpoint('qwen', 2, 'http://gpu:8000/v1')];
    const runB = [endpoint('local', 2, 'http://GPU:8000/v1/')];
    const runC = [endpoint('qwen', 2, 'http://other:8000/v1')];
    await pool.acquire(runA, undefined, abortReason);
    await pool.acquire(runB, undefined, abortReason);
    const order: string[] = [];
    const t = track(pool, order);
    void t.ask('A', runA);
    void t.ask('B', runB);
    void t.ask('C', runC);
    await settle();
    expect(order).toEqual(['C']);
    expect(pool.inFlight(runA[0]!)).toBe(2);
    expect(pool.inFlight(runB[0]!)).toBe(2);
    expect(pool.inFlight(runC[0]!)).toBe(1);
  });

  it('different caps on one server: a request starts only below its own cap, the total never above the largest', async () => {
    const pool = new EndpointPool();
    const small = [endpoint('small', 2, 'http://gpu:8000/v1')];
    const large = [endpoint('large', 4, 'http://gpu:8000/v1')];
    const order: string[] = [];
    const t = track(pool, order);
    let peak = 0;
    const watch = () => { peak = Math.max(peak, pool.inFlight(small[0]!)); };
    for (let i = 0; i < 3; i += 1) void t.ask(`L${i}`, large).then(watch);
    await settle();
    // 3 in flight: the small endpoint's cap (2) is reached already.
    void t.ask('S0', small).then(watch);
    void t.ask('L3', large).then(watch);
    await settle();
    expect(order).toEqual(['L0', 'L1', 'L2', 'L3']);
    t.leases.get('L0')!.release();
    t.leases.get('L1')!.release();
    await settle();
    // 2 left in flight: still not below the small cap, so S0 waits.
    expect(order).toEqual(['L0', 'L1', 'L2', 'L3']);
    t.leases.get('L2')!.release();
    await settle();
    expect(order).toEqual(['L0', 'L1', 'L2', 'L3', 'S0']);
    expect(peak).toBeLessThanOrEqual(4);
  });
});

describe('EndpointPool: decisions before measurements', () => {
  it('serves every waiting decision before any waiting measurement, FIFO within a priority', async () => {
    const pool = new EndpointPool();
    const server = [endpoint('s', 1)];
    const order: string[] = [];
    const t = track(pool, order);
    const held = await pool.acquire(server, undefined, abortReason);
    void t.ask('m1', server, 'measurement');
    void t.ask('d1', server, 'decision');
    void t.ask('m2', server, 'measurement');
    void t.ask('d2', server, 'decision');
    held.release();
    for (const label of ['d1', 'd2', 'm1', 'm2']) {
      await settle();
      expect(order.at(-1)).toBe(label);
      expect(pool.inFlight(server[0]!)).toBe(1);
      t.leases.get(label)!.release();
    }
    expect(order).toEqual(['d1', 'd2', 'm1', 'm2']);
  });

  it('a measurement fills a free slot when no decision waits, and is never preempted', async () => {
    const pool = new EndpointPool();
    const server = [endpoint('s', 2)];
    const order: string[] = [];
    const t = track(pool, order);
    void t.ask('m1', server, 'measurement');
    void t.ask('m2', server, 'measurement');
    await settle();
    expect(order).toEqual(['m1', 'm2']);
    void t.ask('d1', server, 'decision');
    await settle();
    // Both slots stay with the measurements already on the wire; the decision takes the next one.
    expect(order).toEqual(['m1', 'm2']);
    expect(pool.inFlight(server[0]!)).toBe(2);
    t.leases.get('m1')!.release();
    await settle();
    expect(order).toEqual(['m1', 'm2', 'd1']);
  });

  it('a measurement keeps off a server a waiting decision wants, even when only the measurement\'s larger cap has room', async () => {
    const pool = new EndpointPool();
    const decisionSide = [endpoint('small', 1, 'http://gpu/v1')];
    const measurementSide = [endpoint('large', 3, 'http://gpu/v1')];
    const elsewhere = [endpoint('other', 1)];
    const order: string[] = [];
    const t = track(pool, order);
    const held = await pool.acquire(decisionSide, undefined, abortReason);
    void t.ask('d1', decisionSide, 'decision');
    void t.ask('m1', measurementSide, 'measurement');
    void t.ask('m2', elsewhere, 'measurement');
    await settle();
    // m2's server is free of decisions; m1's is wanted by d1.
    expect(order).toEqual(['m2']);
    held.release();
    await settle();
    // d1 first; once it is on the wire no decision waits, and m1 may use the large cap's room.
    expect(order).toEqual(['m2', 'd1', 'm1']);
    expect(pool.inFlight(decisionSide[0]!)).toBe(2);
  });

  it('under random traffic of both priorities no request starts at or above its own cap, and no server exceeds its largest', async () => {
    const pool = new EndpointPool();
    const endpoints = [endpoint('a', 3, 'http://one/v1'), endpoint('b', 5, 'http://one/v1'), endpoint('c', 2, 'http://two/v1')];
    const largest = (e: EndpointProfile) => Math.max(...endpoints.filter((x) => serverKeyOf(x) === serverKeyOf(e)).map((x) => x.maxConcurrency));
    const targets: EndpointProfile[][] = [[endpoints[0]!], [endpoints[1]!], [endpoints[2]!], [endpoints[0]!, endpoints[2]!]];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // The test's own count of held slots per server: leases are resolved (and counted here) in the
    // order the pool hands them out, so the count when a lease arrives is at most what the server
    // had in flight when it started.
    const held: EndpointLease[] = [];
    const counted = new Map<string, number>();
    const violations: string[] = [];
    const checkTotals = () => {
      for (const e of endpoints) if (pool.inFlight(e) > largest(e)) violations.push(`server of ${e.name} at ${pool.inFlight(e)}`);
    };
    const release = (lease: EndpointLease) => {
      counted.set(serverKeyOf(lease.endpoint), counted.get(serverKeyOf(lease.endpoint))! - 1);
      lease.release();
      checkTotals();
    };
    const pending: Promise<void>[] = [];
    for (let i = 0; i < 400; i += 1) {
      const target = targets[Math.floor(random() * targets.length)]!;
      const priority: RequestPriority = random() < 0.5 ? 'decision' : 'measurement';
      pending.push(pool.acquire(target, undefined, abortReason, priority).then((lease) => {
        const key = serverKeyOf(lease.endpoint);
        const before = counted.get(key) ?? 0;
        if (before >= lease.endpoint.maxConcurrency) violations.push(`${lease.endpoint.name} started with ${before} in flight`);
        counted.set(key, before + 1);
        held.push(lease);
      }));
      checkTotals();
      if (random() < 0.6 && held.length > 0) release(held.splice(Math.floor(random() * held.length), 1)[0]!);
      if (i % 7 === 0) await settle();
    }
    while (pool.queued > 0 || held.length > 0) {
      held.splice(0).forEach(release);
      await settle();
    }
    await Promise.all(pending);
    expect(violations).toEqual([]);
    expect(pool.inFlight(endpoints[0]!)).toBe(0);
    expect(pool.inFlight(endpoints[2]!)).toBe(0);
  });
});
