import { describe, expect, it } from 'vitest';
import { chatCacheKey, endpointFingerprint } from '../../../electron/core/llm/cache/cacheKey';
import type { CacheKeyParts } from '../../../electron/core/llm/cache/cacheKey';

const endpoint = { kind: 'vllm' as const, baseURL: 'http://127.0.0.1:8000/v1/', model: 'Qwen/Qwen3-32B' };
const parts: CacheKeyParts = {
  model: endpoint.model,
  fingerprint: endpointFingerprint(endpoint),
  messages: [{ role: 'user', content: 'What is 2+2?' }],
  sampling: { temperature: 0, maxTokens: 100 },
  disableThinking: true,
  sampleIndex: 0,
};

describe('chatCacheKey', () => {
  it('is stable and ignores the order of sampling keys and undefined fields', () => {
    expect(chatCacheKey(parts)).toBe(chatCacheKey({ ...parts, sampling: { maxTokens: 100, temperature: 0, topP: undefined } }));
    expect(chatCacheKey(parts)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with every part that changes the reply', () => {
    const base = chatCacheKey(parts);
    const variants: Array<Partial<CacheKeyParts>> = [
      { model: 'other' },
      { fingerprint: endpointFingerprint({ ...endpoint, baseURL: 'http://127.0.0.1:8001/v1' }) },
      { messages: [{ role: 'user', content: 'What is 2+3?' }] },
      { messages: [{ role: 'system', content: 'What is 2+2?' }] },
      { sampling: { temperature: 0.7, maxTokens: 100 } },
      { disableThinking: false },
      { sampleIndex: 1 },
    ];
    for (const variant of variants) expect(chatCacheKey({ ...parts, ...variant })).not.toBe(base);
  });

  it('fingerprints kind + base URL (trailing slash ignored) + model, never a key or a name', () => {
    expect(endpointFingerprint(endpoint)).toBe('vllm|http://127.0.0.1:8000/v1|Qwen/Qwen3-32B');
    const withSecrets = { ...endpoint, name: 'renamed', apiKey: 'sk-secret' };
    expect(endpointFingerprint(withSecrets)).toBe(endpointFingerprint(endpoint));
  });
});
