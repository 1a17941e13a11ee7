import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/composition/createCore';
import { closedPort } from '../llm/llmTestKit';
import { createTestWorld, smallConfig, type TestWorld } from './runFixtures';

const KEY = 'REMO_TEST_CONFIG_REFUSALS_KEY';

/** A small config whose endpoint names the key variable KEY. */
function keyedConfig(url: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const config = smallConfig(url, { method: 'textgrad', epochs: 1, ...overrides });
  (config.endpoints as Array<Record<string, unknown>>)[0]!.apiKeyEnv = KEY;
  return config;
}

describe('configs that cannot run here are refused before anything is written', { timeout: 90_000 }, () => {
  let world: TestWorld;
  let core: Core;
  const eventCount = () => core.store.lastGlobalPosition();

  beforeAll(async () => {
    world = await createTestWorld({ latencyMs: 0 });
    core = await createCore({ dbPath: world.dbPath() });
  });
  afterAll(async () => {
    delete process.env[KEY];
    await core.close();
    await world.dispose();
  });

  it('start and validateConfig refuse a file:// base URL and an unset key variable, naming the field', async () => {
    delete process.env[KEY];
    const count = eventCount();
    const fileUrl = smallConfig(world.simulator.url);
    (fileUrl.endpoints as Array<Record<string, unknown>>)[0]!.baseURL = 'file:///etc/passwd';
    await expect(core.runs.start(fileUrl)).rejects.toThrow(/endpoints\.0\.baseURL: .*http:\/\/ or https:\/\//);
    expect((await core.runs.validateConfig(fileUrl)).issues.map((i) => i.path)).toEqual(['endpoints.0.baseURL']);
    await expect(core.runs.start(keyedConfig(world.simulator.url))).rejects.toThrow(new RegExp(`endpoints\\.0\\.apiKeyEnv: .*${KEY} .*not set`));
    expect((await core.runs.validateConfig(keyedConfig(world.simulator.url))).issues.map((i) => i.path)).toEqual(['endpoints.0.apiKeyEnv']);
    expect(eventCount()).toBe(count);
  });

  it('a fork of a run whose key variable is no longer set is refused, whatever it changes, and nothing is written', async () => {
    process.env[KEY] = 'a-key';
    const { runId } = await core.runs.start(keyedConfig(world.simulator.url, { name: 'keyed' }));
    expect((await core.runs.waitForRun(runId)).status).toBe('completed');
    delete process.env[KEY];
    const count = eventCount();
    const runs = core.runs.list().length;
    await expect(core.runs.fork(runId, { epoch: 1 }, { name: 'renamed fork' })).rejects.toThrow(new RegExp(`${KEY} .*not set`));
    await expect(core.runs.fork(runId, { epoch: 1 }, { epochs: 2 })).rejects.toThrow(new RegExp(`${KEY} .*not set`));
    await expect(core.runs.fork(runId, { epoch: 1 }, { endpoints: { 0: { baseURL: 'file:///etc/passwd' } } })).rejects.toThrow(/http:\/\/ or https:\/\//);
    expect(eventCount()).toBe(count);
    expect(core.runs.list()).toHaveLength(runs);
    // With the variable set again the same fork goes through.
    process.env[KEY] = 'a-key';
    const fork = await core.runs.fork(runId, { epoch: 1 }, { name: 'renamed fork' });
    expect((await core.runs.waitForRun(fork.runId)).status).toBe('completed');
  });

  it('resuming a failed run whose key variable is no longer set is refused before RunResumed is written', async () => {
    process.env[KEY] = 'a-key';
    const dead = `http://127.0.0.1:${await closedPort()}/v1`;
    const config = keyedConfig(dead, { name: 'dead' });
    (config.endpoints as Array<Record<string, unknown>>)[0]!.kind = 'vllm';
    const { runId } = await core.runs.start(config);
    expect((await core.runs.waitForRun(runId)).status).toBe('failed');
    delete process.env[KEY];
    const count = eventCount();
    await expect(core.runs.resume(runId)).rejects.toThrow(new RegExp(`endpoints\\.0\\.apiKeyEnv: .*${KEY} .*not set`));
    expect(eventCount()).toBe(count);
    expect(core.runs.summary(runId).status).toBe('failed');
  });
});
