import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRoleBindings } from './defaultRoleBindings';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import type { RunningSimulator } from '../../../electron/core/llm/simulator/simulatorOptions';
import { fixedReplyServer, gatewayOn, simEndpoint, solverMessages, tempCacheDb, TINY_GSM8K } from './llmTestKit';

let sim: RunningSimulator;
beforeAll(async () => { sim = await startSimulator({ dataset: TINY_GSM8K }); });
afterAll(async () => { await sim.stop(); });

describe('the gateway records the server fingerprint of every call', () => {
  it('a vllm-kind endpoint pointed at the simulator: chat, streamed chat, embeddings and cache hits carry "remo-simulator"', async () => {
    const { db, cleanup } = tempCacheDb();
    try {
      const endpoint = simEndpoint(sim, { name: 'gpu', kind: 'vllm' });
      const gateway = gatewayOn([endpoint], { db, roles: defaultRoleBindings('gpu', { embedderEndpoint: 'gpu' }) });
      const messages = solverMessages(TINY_GSM8K[0]!.question);
      expect((await gateway.chat({ role: 'solver', messages })).record).toMatchObject({ cached: false, fingerprint: 'remo-simulator' });
      expect((await gateway.chat({ role: 'solver', messages })).record).toMatchObject({ cached: true, fingerprint: 'remo-simulator' });
      const streamed = await gateway.chat({ role: 'critic', messages, onDelta: () => {}, noCache: true });
      expect(streamed.record).toMatchObject({ cached: false, fingerprint: 'remo-simulator' });
      expect((await gateway.embed(['a question'])).record.fingerprint).toBe('remo-simulator');
    } finally {
      cleanup();
    }
  });

  it('a server that sends no fingerprint leaves the field out (nothing is guessed)', async () => {
    const body = JSON.stringify({ id: 'x', object: 'chat.completion', model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'Answer: 1' }, finish_reason: 'stop' }] });
    const server = await fixedReplyServer(200, 'application/json', body);
    try {
      const gateway = gatewayOn([{ name: 'real', kind: 'vllm', baseURL: server.url, model: 'm', maxConcurrency: 1, timeoutMs: 5000 }]);
      const { record } = await gateway.chat({ role: 'solver', messages: solverMessages('What is 1 + 0?') });
      expect(record).not.toHaveProperty('fingerprint');
    } finally {
      await server.stop();
    }
  });
});
