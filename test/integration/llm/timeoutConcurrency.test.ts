import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointProfile } from '../../../electron/core/llm/types';
import { gatewayOn, solverMessages } from './llmTestKit';

/**
 * A real HTTP server on 127.0.0.1 that counts requests in flight as the server sees them: from the
 * request's arrival until its handler is done, whether or not the client is still there. The first
 * `slow` requests take `slowMs` (or until the client disconnects, with `stopOnDisconnect`, as vLLM
 * does); the others answer at once. It stops itself after 30 s whatever the test does.
 */
async function countingServer(options: { slow: number; slowMs: number; stopOnDisconnect?: boolean }) {
  let inFlight = 0;
  let maxInFlight = 0;
  let requests = 0;
  const arrivals: number[] = [];
  const disconnects: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const started = performance.now();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const slow = requests < options.slow;
      requests += 1;
      arrivals.push(performance.now() - started);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        inFlight -= 1;
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({
          id: 'x', object: 'chat.completion', created: 0, model: 'm',
          choices: [{ index: 0, message: { role: 'assistant', content: 'Answer: 1' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }));
      };
      res.on('close', () => {
        if (done) return;
        disconnects.push(performance.now() - started);
        if (options.stopOnDisconnect) {
          done = true;
          inFlight -= 1;
        }
      });
      // The server keeps working after the client gave up (unless stopOnDisconnect): it finishes the reply.
      const timer = setTimeout(() => (timers.delete(timer), finish()), slow ? options.slowMs : 0);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = () => new Promise<void>((resolve) => {
    for (const timer of timers) clearTimeout(timer);
    server.closeAllConnections();
    server.close(() => resolve());
  });
  setTimeout(() => void stop(), 30_000).unref();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    stats: () => ({ inFlight, maxInFlight, requests, arrivals: [...arrivals], disconnects: [...disconnects] }),
    stop,
  };
}

const servers: Array<{ stop: () => Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const endpointAt = (url: string, overrides: Partial<EndpointProfile>): EndpointProfile =>
  ({ name: 'e', kind: 'custom', baseURL: url, model: 'm', maxConcurrency: 1, timeoutMs: 400, ...overrides });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('gateway: timeouts do not break the concurrency cap as the server sees it', () => {
  it.each([8, 2])('cap %i: a timed-out request keeps its slot until the server answers; the retry does not pile on top', async (cap) => {
    // Timeout 400 ms, the server takes 1200 ms (3 timeouts) on the first `cap` requests and keeps
    // working after the client gave up; the retries (and the calls queued behind) come after it.
    const server = await countingServer({ slow: cap, slowMs: 1200 });
    servers.push(server);
    const gateway = gatewayOn([endpointAt(server.url, { maxConcurrency: cap, timeoutMs: 400 })]);
    const calls = Array.from({ length: 2 * cap }, (_, i) => gateway.chat({ role: 'solver', messages: solverMessages(`question ${i}`) }));
    await sleep(800); // past the timeout, before the server is done
    const heldAt800 = gateway.inFlight('e');
    const results = await Promise.all(calls);
    const stats = server.stats();
    expect(stats.maxInFlight).toBeLessThanOrEqual(cap);
    expect(stats.maxInFlight).toBe(cap); // the cap was reached, so the test can fail
    expect(heldAt800).toBe(cap); // the timed-out requests still counted in flight
    // The slow ones timed out once (on a loaded machine a fast one may too: it holds its slot the same way).
    expect(results.filter((r) => r.record.attempts >= 2).length).toBeGreaterThanOrEqual(cap);
    expect(stats.requests).toBeGreaterThanOrEqual(3 * cap);
    expect(stats.disconnects).toEqual([]); // the server answered within the hold: nothing was cut off
    // Every request after the slow ones arrived once they were done.
    expect(Math.min(...stats.arrivals.slice(cap))).toBeGreaterThanOrEqual(1150);
  }, 20_000);

  it('a request the server never answers is aborted after the hold (4 timeouts), and only then is its slot released', async () => {
    const server = await countingServer({ slow: 1, slowMs: 10_000, stopOnDisconnect: true });
    servers.push(server);
    const gateway = gatewayOn([endpointAt(server.url, { maxConcurrency: 1, timeoutMs: 300 })]);
    const call = gateway.chat({ role: 'solver', messages: solverMessages('question') });
    await sleep(700);
    const heldAt700 = gateway.inFlight('e');
    const disconnectsAt700 = server.stats().disconnects;
    const result = await call;
    expect(result.record.attempts).toBe(2);
    const stats = server.stats();
    expect(heldAt700).toBe(1);
    expect(disconnectsAt700).toEqual([]); // still open: the server may yet answer
    expect(stats.disconnects).toHaveLength(1);
    expect(stats.disconnects[0]!).toBeGreaterThanOrEqual(1150); // 4 × 300 ms after sending
    expect(stats.arrivals[1]!).toBeGreaterThanOrEqual(stats.disconnects[0]!); // the retry came after the abort
    expect(stats.maxInFlight).toBe(1);
    expect(gateway.inFlight('e')).toBe(0);
  }, 20_000);
});
