import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { gatewayOn } from './llmTestKit';
import type { EndpointProfile } from '../../../electron/core/llm/types';

interface FakeServer { url: string; bodies: Array<Record<string, unknown>>; stop: () => Promise<void> }

/**
 * A stand-in for a Qwen3 server whose only working switch is `honours`: requests carrying a field
 * listed in `rejects` get a 400 (a strict server), others get a reply that thinks (the way a
 * server ignoring an unknown field answers) unless `honours` holds.
 */
async function qwenLikeServer(options: { honours: (body: Record<string, unknown>) => boolean; rejects?: string[]; reasoningField?: boolean }): Promise<FakeServer> {
  const bodies: Array<Record<string, unknown>> = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [{ id: 'qwen3', object: 'model' }] }));
        return;
      }
      const body = JSON.parse(raw) as Record<string, unknown>;
      bodies.push(body);
      const refused = options.rejects?.find((field) => field in body);
      if (refused) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `Unrecognized request argument supplied: ${refused}`, type: 'invalid_request_error', param: null, code: null } }));
        return;
      }
      const off = options.honours(body);
      const message = off
        ? { role: 'assistant', content: 'OK' }
        : options.reasoningField
          ? { role: 'assistant', content: '', reasoning: 'Okay, the user wants me to' }
          : { role: 'assistant', content: '<think>\nOkay, the user wants me to' };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'c', object: 'chat.completion', model: 'qwen3', choices: [{ index: 0, message, finish_reason: off ? 'stop' : 'length' }], usage: { prompt_tokens: 5, completion_tokens: 5 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    bodies,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const servers: FakeServer[] = [];
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.stop())); });
async function serve(options: Parameters<typeof qwenLikeServer>[0]): Promise<FakeServer> {
  const server = await qwenLikeServer(options);
  servers.push(server);
  return server;
}
const endpoint = (server: FakeServer, overrides: Partial<EndpointProfile>): EndpointProfile =>
  ({ name: 'e', kind: 'custom', baseURL: server.url, model: 'qwen3', maxConcurrency: 2, timeoutMs: 5000, ...overrides });

const ollamaLike = (body: Record<string, unknown>) => body.reasoning_effort === 'none';
const templateKwargs = (body: Record<string, unknown>) => (body.chat_template_kwargs as { enable_thinking?: boolean } | undefined)?.enable_thinking === false;

describe('the thinking switch each server kind sends', () => {
  it('an ollama endpoint sends reasoning_effort "none" and leaves the question alone (no /no_think)', async () => {
    const server = await serve({ honours: ollamaLike, reasoningField: true });
    const gateway = gatewayOn([endpoint(server, { kind: 'ollama' })]);
    const result = await gateway.chat({ role: 'solver', messages: [{ role: 'user', content: 'What is 2 + 2?' }] });
    expect(result.text).toBe('OK');
    expect(result.thinking).toBeUndefined();
    expect(server.bodies[0]).toMatchObject({ reasoning_effort: 'none' });
    expect(JSON.stringify(server.bodies[0]!.messages)).not.toContain('/no_think');
  });

  it('a llamacpp endpoint sends chat_template_kwargs {enable_thinking: false}', async () => {
    const server = await serve({ honours: templateKwargs });
    const gateway = gatewayOn([endpoint(server, { kind: 'llamacpp' })]);
    expect((await gateway.chat({ role: 'solver', messages: [{ role: 'user', content: 'Hi' }] })).text).toBe('OK');
    expect(server.bodies[0]).toMatchObject({ chat_template_kwargs: { enable_thinking: false } });
    expect(JSON.stringify(server.bodies[0]!.messages)).not.toContain('/no_think');
  });

  it('an endpoint naming its switch uses it, whatever its kind', async () => {
    const server = await serve({ honours: ollamaLike });
    const gateway = gatewayOn([endpoint(server, { kind: 'custom', thinkingSwitch: 'reasoning-effort' })]);
    expect((await gateway.chat({ role: 'solver', messages: [{ role: 'user', content: 'Hi' }] })).text).toBe('OK');
    expect(server.bodies[0]).toMatchObject({ reasoning_effort: 'none' });
  });
});

describe('the connection test probes which switch the server honours', () => {
  it('reports the endpoint\'s own switch working with a single request', async () => {
    const server = await serve({ honours: ollamaLike });
    const report = await gatewayOn([endpoint(server, { kind: 'ollama' })]).testConnection('e');
    expect(report).toMatchObject({ reachable: true, modelAvailable: true, thinkingSwitch: 'reasoning-effort', thinkingSwitchAccepted: true, thinkingOff: true });
    expect(report.thinkingSwitchFound).toBeUndefined();
    expect(report.error).toBeUndefined();
    expect(server.bodies).toHaveLength(1);
  });

  it('a server that ignores the switch (2xx, still thinking): finds the one that works and says what to set', async () => {
    const server = await serve({ honours: ollamaLike });
    const report = await gatewayOn([endpoint(server, { kind: 'custom' })]).testConnection('e');
    expect(report).toMatchObject({ thinkingSwitch: 'no-think-tag', thinkingSwitchAccepted: true, thinkingOff: false, thinkingSwitchFound: 'reasoning-effort' });
    expect(report.thinkingProbe!.map((p) => [p.switch, p.outcome])).toEqual([
      ['no-think-tag', 'thinking'], ['chat-template-kwargs', 'thinking'], ['reasoning-effort', 'off'],
    ]);
    expect(report.error).toMatch(/"thinkingSwitch": "reasoning-effort"/);
  });

  it('a strict server that refuses the field with a 400: reported as rejected, the next switch is tried', async () => {
    const server = await serve({ honours: templateKwargs, rejects: ['reasoning_effort'] });
    const report = await gatewayOn([endpoint(server, { kind: 'ollama' })]).testConnection('e');
    expect(report).toMatchObject({ thinkingSwitch: 'reasoning-effort', thinkingSwitchAccepted: false, thinkingSwitchFound: 'chat-template-kwargs' });
    expect(report.thinkingOff).toBeUndefined();
    expect(report.thinkingProbe![0]).toMatchObject({ switch: 'reasoning-effort', outcome: 'rejected', detail: expect.stringMatching(/reasoning_effort/) });
    expect(report.error).toMatch(/rejected a request with the thinking switch "reasoning-effort"/);
  });

  it('a model that thinks whatever is sent: every switch tried, none found, and the report says so', async () => {
    const server = await serve({ honours: () => false, reasoningField: true });
    const report = await gatewayOn([endpoint(server, { kind: 'vllm' })]).testConnection('e');
    expect(report.thinkingProbe!.map((p) => p.outcome)).toEqual(['thinking', 'thinking', 'thinking', 'thinking']);
    expect(report.thinkingSwitchFound).toBeUndefined();
    expect(report.error).toMatch(/No switch turned it off/);
  });
});
