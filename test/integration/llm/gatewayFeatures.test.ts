import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultRoleBindings } from './defaultRoleBindings';
import { EMBEDDING_DIMENSIONS, lexicalEmbed } from '../../../electron/core/llm/embedding/lexicalEmbedder';
import { createLlmGateway } from '../../../electron/core/llm/gateway/openAiGateway';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import type { RunningSimulator } from '../../../electron/core/llm/simulator/simulatorOptions';
import { LlmError } from '../../../electron/core/llm/types';
import type { CallRecord } from '../../../electron/core/llm/types';
import { closedPort, fixedReplyServer, gatewayOn, simEndpoint, solverMessages, tempCacheDb, TINY_GSM8K } from './llmTestKit';

const question = TINY_GSM8K[0]!.question;
const cleanups: Array<() => unknown> = [];
async function sim(options: Parameters<typeof startSimulator>[0] = {}): Promise<RunningSimulator> {
  const started = await startSimulator({ dataset: TINY_GSM8K, ...options });
  cleanups.push(() => started.stop());
  return started;
}
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('gateway: cache', () => {
  it('returns an identical cached reply with the original usage, without calling the server', async () => {
    const server = await sim();
    const { db, cleanup } = tempCacheDb();
    cleanups.push(cleanup);
    const gateway = gatewayOn([simEndpoint(server, { apiKey: 'sk-never-stored' })], { db });
    const first = await gateway.chat({ role: 'solver', messages: solverMessages(question) });
    const second = await gateway.chat({ role: 'solver', messages: solverMessages(question) });
    expect(first.record.cached).toBe(false);
    expect(second.record.cached).toBe(true);
    expect(second.text).toBe(first.text);
    expect(second.record.promptTokens).toBe(first.record.promptTokens);
    expect(second.record.completionTokens).toBe(first.record.completionTokens);
    expect(server.stats().requests).toBe(1);
    // A different sample index or sampling is a different request.
    await gateway.chat({ role: 'solver', messages: solverMessages(question), sampleIndex: 1 });
    expect(server.stats().requests).toBe(2);
    // Per call opt-out.
    const bypass = await gateway.chat({ role: 'solver', messages: solverMessages(question), noCache: true });
    expect(bypass.record.cached).toBe(false);
    expect(server.stats().requests).toBe(3);
    // The key never reaches the table.
    const dump = JSON.stringify(db.prepare('SELECT * FROM llm_cache').all());
    expect(dump).not.toContain('sk-never-stored');
  });

  it('can be turned off for a whole run', async () => {
    const server = await sim();
    const { db, cleanup } = tempCacheDb();
    cleanups.push(cleanup);
    const gateway = gatewayOn([simEndpoint(server)], { db, cache: false });
    await gateway.chat({ role: 'solver', messages: solverMessages(question) });
    const again = await gateway.chat({ role: 'solver', messages: solverMessages(question) });
    expect(again.record.cached).toBe(false);
    expect(server.stats().requests).toBe(2);
  });
});

describe('gateway: thinking, roles, streaming, accounting', () => {
  it('strips a <think> block when thinking is left on, and keeps it separately', async () => {
    const server = await sim();
    const roles = { ...defaultRoleBindings('sim'), solver: { endpoint: 'sim', sampling: { temperature: 0 }, disableThinking: false } };
    const gateway = createLlmGateway({ endpoints: [simEndpoint(server)], roles });
    const result = await gateway.chat({ role: 'solver', messages: solverMessages(question) });
    expect(result.thinking).toContain('simulated thinking');
    expect(result.text).not.toContain('think>');
    expect(result.text).toMatch(/Answer: \d+$/);
  });

  it('strips a stray <think> block even with thinking off (fault "think")', async () => {
    const server = await sim();
    server.injectFaults('think', 1);
    const result = await gatewayOn([simEndpoint(server)]).chat({ role: 'solver', messages: solverMessages(question) });
    expect(result.thinking).toBeDefined();
    expect(result.text.startsWith("Let's work")).toBe(true);
  });

  it('sends the role header and returns a full accounting record', async () => {
    const server = await sim();
    const records: CallRecord[] = [];
    const gateway = gatewayOn([simEndpoint(server)], { onCall: (record) => records.push(record) });
    const result = await gateway.chat({ role: 'critic', messages: [{ role: 'user', content: 'Critique this.' }] });
    expect(server.stats().byRole).toEqual({ critic: 1 });
    expect(result.record).toMatchObject({ role: 'critic', endpoint: 'sim', model: 'remo-simulator', attempts: 1, finishReason: 'stop', cached: false });
    expect(result.record.promptTokens).toBeGreaterThan(0);
    expect(result.record.completionTokens).toBeGreaterThan(0);
    expect(records).toEqual([result.record]);
  });

  it('streams through the gateway (onDelta) with usage from the final chunk', async () => {
    const server = await sim();
    const gateway = gatewayOn([simEndpoint(server)]);
    const plain = await gateway.chat({ role: 'solver', messages: solverMessages(question) });
    const fragments: string[] = [];
    const streamed = await gateway.chat({ role: 'solver', messages: solverMessages(question), onDelta: (f) => fragments.push(f) });
    expect(fragments.length).toBeGreaterThan(1);
    expect(fragments.join('')).toBe(plain.text);
    expect(streamed.text).toBe(plain.text);
    expect(streamed.record.completionTokens).toBe(plain.record.completionTokens);
  });

  it('serves an SDK stream directly (stream: true against the simulator)', async () => {
    const server = await sim();
    const client = new OpenAI({ baseURL: server.url, apiKey: 'x', maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'qwen3-32b-sim', stream: true, stream_options: { include_usage: true },
      messages: solverMessages(question), chat_template_kwargs: { enable_thinking: false },
    } as OpenAI.ChatCompletionCreateParamsStreaming);
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    let fingerprint: string | undefined | null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      usage = chunk.usage ?? usage;
      fingerprint = chunk.system_fingerprint;
    }
    expect(text).toMatch(/Answer: \d+$/);
    expect(usage?.completion_tokens).toBe(Math.ceil(text.length / 4));
    expect(fingerprint).toBe('remo-simulator');
  });
});

describe('gateway: errors a user can act on', () => {
  it('wrong key: "the server refused the API key"', async () => {
    const server = await sim({ apiKey: 'right-key' });
    const error = (await gatewayOn([simEndpoint(server, { apiKey: 'wrong-key' })]).chat({ role: 'solver', messages: solverMessages(question) }).catch((e: unknown) => e)) as LlmError;
    expect(error.code).toBe('auth');
    expect(error.message).toMatch(/refused the API key/);
    expect(error.message).not.toContain('wrong-key');
    const ok = await gatewayOn([simEndpoint(server, { apiKeyEnv: 'SIM_KEY' })], { env: { SIM_KEY: 'right-key' } }).chat({ role: 'solver', messages: solverMessages(question) });
    expect(ok.text).toMatch(/Answer:/);
  });

  it('unknown model: lists the models the server offers', async () => {
    const server = await sim();
    const error = (await gatewayOn([simEndpoint(server, { model: 'qwen3-32b' })]).chat({ role: 'solver', messages: solverMessages(question) }).catch((e: unknown) => e)) as LlmError;
    expect(error.code).toBe('model-not-found');
    expect(error.message).toContain('does not serve the model "qwen3-32b"');
    expect(error.message).toContain('remo-simulator, qwen3-32b-sim');
    expect(error.details.models).toEqual(['remo-simulator', 'qwen3-32b-sim']);
  });

  it('nothing listening at the URL', async () => {
    const port = await closedPort();
    const gateway = gatewayOn([{ name: 'dead', kind: 'vllm', baseURL: `http://127.0.0.1:${port}/v1`, model: 'm', maxConcurrency: 1, timeoutMs: 2000 }]);
    const error = (await gateway.chat({ role: 'solver', messages: solverMessages(question) }).catch((e: unknown) => e)) as LlmError;
    expect(error.code).toBe('unreachable');
    expect(error.message).toContain(`Nothing is listening at http://127.0.0.1:${port}/v1`);
    expect(error.message).not.toContain('remo sim');
    const report = await gateway.testConnection('dead');
    expect(report.reachable).toBe(false);
    expect(report.error).toContain('Nothing is listening');

    const gone = gatewayOn([{ name: 'sim', kind: 'simulator', baseURL: `http://127.0.0.1:${port}/v1`, model: 'remo-simulator', maxConcurrency: 1, timeoutMs: 2000 }]);
    const simError = (await gone.chat({ role: 'solver', messages: solverMessages(question) }).catch((e: unknown) => e)) as LlmError;
    expect(simError.message).toContain(`start one there with \`npx remo sim --port ${port}\``);
  });

  it('a non-OpenAI reply: an HTML page, and JSON without choices', async () => {
    const html = await fixedReplyServer(200, 'text/html', '<!doctype html><html><body>Welcome to my router</body></html>');
    cleanups.push(html.stop);
    const endpoint = { name: 'web', kind: 'custom' as const, baseURL: html.url, model: 'm', maxConcurrency: 1, timeoutMs: 2000 };
    const error = (await gatewayOn([endpoint], { sleep: async () => {} }).chat({ role: 'solver', messages: solverMessages(question) }).catch((e: unknown) => e)) as LlmError;
    expect(error.code).toBe('bad-reply');
    expect(error.message).toContain('HTML page');
    expect(error.details.attempts).toBe(1); // a web page will not turn into an API on retry

    const json = await fixedReplyServer(200, 'application/json', '{"hello":"world"}');
    cleanups.push(json.stop);
    const jsonError = (await gatewayOn([{ ...endpoint, baseURL: json.url }], { sleep: async () => {} }).chat({ role: 'solver', messages: solverMessages(question) }).catch((e: unknown) => e)) as LlmError;
    expect(jsonError.code).toBe('bad-reply');
    expect(jsonError.message).toContain('JSON without the expected fields');
  });

  it('testConnection reports reachability, latency, models and the thinking switch', async () => {
    const server = await sim();
    const report = await gatewayOn([simEndpoint(server)]).testConnection('sim');
    expect(report).toMatchObject({ endpoint: 'sim', reachable: true, models: ['remo-simulator', 'qwen3-32b-sim'], modelAvailable: true, thinkingSwitchAccepted: true });
    expect(report.latencyMs).toBeGreaterThanOrEqual(0);
    expect(report.error).toBeUndefined();
  });
});

describe('gateway: embeddings', () => {
  it('uses the built-in lexical embedder when no embedding endpoint is bound', async () => {
    const gateway = createLlmGateway({ endpoints: [{ name: 'x', kind: 'vllm', baseURL: 'http://127.0.0.1:9/v1', model: 'm', maxConcurrency: 1, timeoutMs: 1000 }], roles: defaultRoleBindings('x') });
    const result = await gateway.embed(['apples and pears', 'trains']);
    expect(result.model).toBe('lexical');
    expect(result.dimensions).toBe(EMBEDDING_DIMENSIONS);
    expect(gateway.embeddingDimensions).toBe(384);
    expect(Array.from(result.vectors[0]!)).toEqual(Array.from(lexicalEmbed('apples and pears')));
  });

  it('calls /v1/embeddings when an embedding endpoint is bound, and checks the size', async () => {
    const server = await sim();
    const endpoints = [simEndpoint(server), simEndpoint(server, { name: 'emb' })];
    const gateway = createLlmGateway({ endpoints, roles: defaultRoleBindings('sim', { embedderEndpoint: 'emb' }) });
    const result = await gateway.embed(['apples and pears', 'trains']);
    expect(result.vectors).toHaveLength(2);
    expect(result.vectors[0]).toHaveLength(384);
    expect(result.record).toMatchObject({ role: 'embedder', endpoint: 'emb', cached: false });
    expect(server.stats().byPath['/v1/embeddings']).toBe(1);

    const wrongSize = await sim({ embeddingDimensions: 1024 });
    const bad = createLlmGateway({ endpoints: [simEndpoint(wrongSize, { name: 'emb' })], roles: defaultRoleBindings('emb', { embedderEndpoint: 'emb' }) });
    const error = (await bad.embed(['x']).catch((e: unknown) => e)) as LlmError;
    expect(error).toBeInstanceOf(LlmError);
    expect(error.message).toContain('returned 1024-dimensional embeddings, but 384 were asked for');
  });

  it("with embeddingDimensions null, takes the model's own size (here 1024) and asks for none", async () => {
    const server = await sim({ embeddingDimensions: 1024 });
    const gateway = createLlmGateway({ endpoints: [simEndpoint(server, { name: 'emb' })], roles: defaultRoleBindings('emb', { embedderEndpoint: 'emb' }), embeddingDimensions: null });
    const result = await gateway.embed(['apples and pears', 'trains']);
    expect(result.dimensions).toBe(1024);
    expect(result.vectors.map((v) => v.length)).toEqual([1024, 1024]);
  });

  it('reads the context window a vLLM-style server states on /v1/models, and null where it states none', async () => {
    const server = await sim({ contextTokens: 32_768 });
    const gateway = createLlmGateway({ endpoints: [simEndpoint(server), simEndpoint(server, { name: 'other', model: 'not-served' })], roles: defaultRoleBindings('sim') });
    expect(await gateway.contextWindow('sim')).toBe(32_768);
    expect(await gateway.contextWindow('other')).toBeNull();
    const unreachable = createLlmGateway({ endpoints: [{ name: 'x', kind: 'vllm', baseURL: 'http://127.0.0.1:9/v1', model: 'm', maxConcurrency: 1, timeoutMs: 500 }], roles: defaultRoleBindings('x') });
    expect(await unreachable.contextWindow('x')).toBeNull();
  });
});
