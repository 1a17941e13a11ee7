import { describe, expect, it } from 'vitest';
import {
  defaultRoleBindings, describeConfigError, EndpointProfileSchema, LlmConfigSchema, redactEndpoint,
} from '../../../electron/core/llm/config/llmConfigSchema';

const endpoint = { name: 'local', kind: 'vllm', baseURL: 'http://127.0.0.1:8000/v1', model: 'Qwen/Qwen3-32B', maxConcurrency: 8, timeoutMs: 60000 };

describe('LlmConfigSchema', () => {
  it('accepts one endpoint with the default bindings (temperature 0 for the solver, lexical embedder)', () => {
    const roles = defaultRoleBindings('local');
    const parsed = LlmConfigSchema.parse({ endpoints: [endpoint], roles });
    expect(parsed.roles.solver.sampling.temperature).toBe(0);
    expect(parsed.roles.embedder).toBeUndefined();
    expect(parsed.roles.critic.endpoint).toBe('local');
  });

  it('names the field in its messages', () => {
    const result = EndpointProfileSchema.safeParse({ ...endpoint, kind: 'tgi', maxConcurrency: 0, baseURL: 'localhost' });
    expect(result.success).toBe(false);
    const text = describeConfigError(result.error!);
    expect(text).toMatch(/^kind: kind must be one of: vllm/m);
    expect(text).toMatch(/^maxConcurrency: maxConcurrency must be >= 1/m);
    expect(text).toMatch(/^baseURL: /m);
  });

  it('rejects a role bound to nothing, and duplicate endpoint names', () => {
    const roles = { ...defaultRoleBindings('local'), critic: { endpoint: 'nowhere', sampling: {} } };
    const result = LlmConfigSchema.safeParse({ endpoints: [endpoint, endpoint], roles });
    const text = describeConfigError(result.error!);
    expect(text).toContain('roles.critic.endpoint: roles.critic.endpoint "nowhere" names no endpoint or group');
    expect(text).toContain('endpoints.1.name: endpoint name "local" is used twice');
  });

  it('accepts a group name as a role target', () => {
    const replicas = [
      { ...endpoint, name: 'r1', group: 'qwen' },
      { ...endpoint, name: 'r2', baseURL: 'http://127.0.0.1:8001/v1', group: 'qwen' },
    ];
    expect(LlmConfigSchema.safeParse({ endpoints: replicas, roles: defaultRoleBindings('qwen') }).success).toBe(true);
  });

  it('redacts the key for logs and events', () => {
    const redacted = redactEndpoint({ ...endpoint, kind: 'vllm', apiKey: 'sk-secret' });
    expect(JSON.stringify(redacted)).not.toContain('sk-secret');
    expect(redacted.apiKeySet).toBe(true);
  });
});
