import { afterEach, expect, it } from 'vitest';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import { createLlmGateway } from '../../../electron/core/llm/gateway/openAiGateway';
import { fixedReplyServer, gatewayOn, simEndpoint, solverMessages, TINY_GSM8K } from './llmTestKit';
import { defaultRoleBindings } from './defaultRoleBindings';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function completion(usage?: object): string {
  return JSON.stringify({
    id: 'c1', object: 'chat.completion', created: 0, model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Answer: 42' }, finish_reason: 'stop' }],
    ...(usage ? { usage } : {}),
  });
}

it('given a server that sends no usage, then the call record marks its token counts as estimates', async () => {
  const server = await fixedReplyServer(200, 'application/json', completion());
  cleanups.push(server.stop);
  const gateway = gatewayOn([{ name: 'bare', kind: 'custom', baseURL: server.url, model: 'm', maxConcurrency: 1, timeoutMs: 5000 }]);
  const reply = await gateway.chat({ role: 'critic', messages: solverMessages('What is 6 times 7?') });
  expect(reply.record.estimated).toBe(true);
  expect(reply.record.completionTokens).toBe(Math.ceil('Answer: 42'.length / 4));
});

it('given a server that sends usage, then the record carries its counts and no estimate mark', async () => {
  const server = await fixedReplyServer(200, 'application/json', completion({ prompt_tokens: 31, completion_tokens: 5, total_tokens: 36 }));
  cleanups.push(server.stop);
  const gateway = gatewayOn([{ name: 'full', kind: 'custom', baseURL: server.url, model: 'm', maxConcurrency: 1, timeoutMs: 5000 }]);
  const reply = await gateway.chat({ role: 'critic', messages: solverMessages('What is 6 times 7?') });
  expect(reply.record).toMatchObject({ promptTokens: 31, completionTokens: 5 });
  expect(reply.record.estimated).toBeUndefined();
});

it('given the built-in lexical embedder, then its token counts are marked as estimates; the simulator sends usage, so its are not', async () => {
  const sim = await startSimulator({ dataset: TINY_GSM8K });
  cleanups.push(() => sim.stop());
  const gateway = gatewayOn([simEndpoint(sim)]);
  expect((await gateway.embed(['a question about apples'])).record.estimated).toBe(true);
  expect((await gateway.chat({ role: 'solver', messages: solverMessages(TINY_GSM8K[0]!.question) })).record.estimated).toBeUndefined();
});

it('given an embedding server that sends no usage, then the embedder\'s record marks its token count as an estimate', async () => {
  const vector = Array.from({ length: 384 }, (_, i) => (i === 0 ? 1 : 0));
  const reply = (usage?: object) => JSON.stringify({ object: 'list', model: 'e', data: [{ object: 'embedding', index: 0, embedding: vector }], ...(usage ? { usage } : {}) });
  for (const [usage, estimated] of [[undefined, true], [{ prompt_tokens: 7, total_tokens: 7 }, undefined]] as const) {
    const server = await fixedReplyServer(200, 'application/json', reply(usage));
    cleanups.push(server.stop);
    const gateway = createLlmGateway({
      endpoints: [{ name: 'emb', kind: 'custom', baseURL: server.url, model: 'e', maxConcurrency: 1, timeoutMs: 5000 }],
      roles: defaultRoleBindings('emb', { embedderEndpoint: 'emb' }),
    });
    const record = (await gateway.embed(['a question about apples'])).record;
    expect(record.estimated).toBe(estimated);
    if (usage) expect(record.promptTokens).toBe(7);
  }
});
