import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import type { RunningSimulator } from '../../../electron/core/llm/simulator/simulatorOptions';
import { LlmError } from '../../../electron/core/llm/types';
import { gatewayOn, simEndpoint, solverMessages, TINY_GSM8K } from './llmTestKit';

const question = TINY_GSM8K[0]!.question;
const sims: RunningSimulator[] = [];
async function sim(options: Parameters<typeof startSimulator>[0] = {}) {
  const started = await startSimulator({ dataset: TINY_GSM8K, ...options });
  sims.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

describe('gateway: concurrency, retries, cancellation, timeouts', () => {
  it('never exceeds the per-endpoint concurrency cap (50 calls, cap 4)', async () => {
    const server = await sim({ latencyMs: 20 });
    const gateway = gatewayOn([simEndpoint(server, { maxConcurrency: 4 })]);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => gateway.chat({ role: 'solver', messages: solverMessages(`${question} (${i})`) })),
    );
    expect(results).toHaveLength(50);
    const stats = server.stats();
    expect(stats.byRole.solver).toBe(50);
    expect(stats.maxInFlight).toBeLessThanOrEqual(4);
    expect(stats.maxInFlight).toBe(4); // the cap was actually reached, so the test can fail
  });

  it('honours Retry-After on 429: the retry waits at least that long (measured)', async () => {
    const server = await sim({ retryAfterSeconds: 1 });
    server.injectFaults('rate-limit', 1);
    const sleeps: number[] = [];
    const gateway = gatewayOn([simEndpoint(server)], {
      sleep: (ms) => (sleeps.push(ms), new Promise<void>((resolve) => setTimeout(resolve, ms))),
    });
    const started = performance.now();
    const result = await gateway.chat({ role: 'solver', messages: solverMessages(question) });
    const elapsed = performance.now() - started;
    expect(result.record.attempts).toBe(2);
    expect(sleeps).toEqual([1000]);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(server.stats().faults['rate-limit']).toBe(1);
  });

  it('backs off exponentially with injected jitter on 500 and 503, then succeeds', async () => {
    const server = await sim();
    server.injectFaults('server-error', 1);
    server.injectFaults('unavailable', 1);
    const sleeps: number[] = [];
    const gateway = gatewayOn([simEndpoint(server)], {
      random: () => 0,
      sleep: async (ms) => void sleeps.push(ms),
      retry: { baseDelayMs: 100 },
    });
    const result = await gateway.chat({ role: 'solver', messages: solverMessages(question) });
    expect(result.record.attempts).toBe(3);
    expect(sleeps).toEqual([50, 100]); // equal jitter with random()=0: half of 100, half of 200
  });

  it.each([
    ['400 (bad request)', 'bad-request', (s: RunningSimulator) => simEndpoint(s), []],
    ['404 (unknown model)', 'model-not-found', (s: RunningSimulator) => simEndpoint(s, { model: 'gpt-nope' }), undefined],
    ['401 (wrong key)', 'auth', (s: RunningSimulator) => simEndpoint(s, { apiKey: 'wrong' }), undefined],
  ] as const)('does not retry %s', async (_label, code, endpointFor, messages) => {
    const server = await sim({ apiKey: code === 'auth' ? 'right' : undefined });
    const sleeps: number[] = [];
    const gateway = gatewayOn([endpointFor(server)], { sleep: async (ms) => void sleeps.push(ms) });
    const error = await gateway.chat({ role: 'solver', messages: messages ? [...messages] : solverMessages(question) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).code).toBe(code);
    expect(server.stats().byPath['/v1/chat/completions']).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('cancels in-flight and queued calls: rejects promptly with "aborted", queued calls never reach the server', async () => {
    const server = await sim({ latencyMs: 30_000 });
    const gateway = gatewayOn([simEndpoint(server, { maxConcurrency: 1, timeoutMs: 60_000 })]);
    const controller = new AbortController();
    const calls = [0, 1, 2].map((i) =>
      gateway.chat({ role: 'solver', messages: solverMessages(`${question} ${i}`), signal: controller.signal }).catch((e: unknown) => e),
    );
    await server.whenInFlight(1);
    const abortedAt = performance.now();
    controller.abort();
    const errors = await Promise.all(calls);
    expect(performance.now() - abortedAt).toBeLessThan(500);
    for (const error of errors) expect((error as LlmError).code).toBe('aborted');
    expect(server.stats().requests).toBe(1);
    expect(gateway.inFlight('sim')).toBe(0);
  });

  it('retries a hang past the timeout, then fails with "timeout"', async () => {
    const server = await sim({ faultRate: 1, faultKinds: ['hang'], hangMs: 60_000 });
    const gateway = gatewayOn([simEndpoint(server, { timeoutMs: 200 })], { sleep: async () => {}, retry: { maxAttempts: 3 } });
    const started = performance.now();
    const error = (await gateway.chat({ role: 'solver', messages: solverMessages(question) }).catch((e: unknown) => e)) as LlmError;
    expect(error.code).toBe('timeout');
    expect(error.details.attempts).toBe(3);
    expect(error.message).toContain('did not answer within 200 ms');
    expect(server.stats().byPath['/v1/chat/completions']).toBe(3);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('retries transient bad replies (malformed JSON, empty choices) and reports finish_reason length', async () => {
    const server = await sim();
    server.injectFaults('malformed-json', 1);
    server.injectFaults('empty-choices', 1);
    const gateway = gatewayOn([simEndpoint(server)], { sleep: async () => {} });
    const result = await gateway.chat({ role: 'solver', messages: solverMessages(question) });
    expect(result.record.attempts).toBe(3);
    server.injectFaults('length', 1);
    const cut = await gateway.chat({ role: 'solver', messages: solverMessages(question), noCache: true, sampleIndex: 1 });
    expect(cut.record.finishReason).toBe('length');
  });

  it('spreads calls over the replicas of a group, least in flight first', async () => {
    const slow = await sim({ latencyMs: 150 });
    const fast = await sim({ latencyMs: 5 });
    const endpoints = [
      simEndpoint(slow, { name: 'slow', group: 'qwen', maxConcurrency: 4 }),
      simEndpoint(fast, { name: 'fast', group: 'qwen', maxConcurrency: 4 }),
    ];
    const gateway = gatewayOn(endpoints, { target: 'qwen' });
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => gateway.chat({ role: 'solver', messages: solverMessages(`${question} ${i}`) })));
    const slowCalls = slow.stats().byRole.solver ?? 0;
    const fastCalls = fast.stats().byRole.solver ?? 0;
    expect(slowCalls + fastCalls).toBe(60);
    expect(slowCalls).toBeGreaterThan(0);
    expect(fastCalls).toBeGreaterThan(slowCalls * 2); // the replica that frees slots sooner gets more work
    expect(slow.stats().maxInFlight).toBeLessThanOrEqual(4);
    expect(fast.stats().maxInFlight).toBeLessThanOrEqual(4);
    expect(new Set(results.map((r) => r.record.endpoint))).toEqual(new Set(['slow', 'fast']));
  });

  it('alternates between idle replicas when calls come one at a time', async () => {
    const a = await sim();
    const b = await sim();
    const gateway = gatewayOn([simEndpoint(a, { name: 'a', group: 'g' }), simEndpoint(b, { name: 'b', group: 'g' })], { target: 'g' });
    for (let i = 0; i < 6; i += 1) await gateway.chat({ role: 'solver', messages: solverMessages(`${question} ${i}`) });
    expect(a.stats().requests).toBe(3);
    expect(b.stats().requests).toBe(3);
  });
});
