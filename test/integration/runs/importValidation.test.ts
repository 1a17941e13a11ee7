import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/composition/createCore';
import { exportRunLines, importRunLines } from '../../../electron/core/exchange';
import { sha256OfLines } from '../../../electron/core/exchange/exchangeFormat';
import { createTestWorld, smallConfig, type TestWorld } from './runFixtures';

const exportText = (core: Core, runId: string) => exportRunLines(core.store, runId, () => new Date('2026-01-01T00:00:00Z')).join('\n') + '\n';

/** Rewrites one event line with `edit` and recomputes the header's checksum, as a forger would. */
function forge(text: string, pick: (event: { type: string; streamPosition: number }) => boolean, edit: (event: Record<string, unknown>) => void): string {
  const lines = text.trimEnd().split('\n');
  const events = lines.slice(1).map((line) => {
    const event = JSON.parse(line) as Record<string, unknown> & { type: string; streamPosition: number };
    if (pick(event)) edit(event);
    return JSON.stringify(event);
  });
  const header = JSON.parse(lines[0]!) as Record<string, unknown>;
  header.sha256 = sha256OfLines(events);
  return [JSON.stringify(header), ...events].join('\n') + '\n';
}

describe('remo import validates events as the engine would have written them', { timeout: 90_000 }, () => {
  let world: TestWorld;
  const cores: Core[] = [];
  const open = async (name: string): Promise<Core> => {
    const core = await createCore({ dbPath: world.dbPath(name) });
    cores.push(core);
    return core;
  };
  beforeEach(async () => {
    world = await createTestWorld({ latencyMs: 2 });
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    await world.dispose();
  });

  it('refuses a RunStarted whose config holds an inline apiKey (checksum recomputed), writing nothing', async () => {
    const source = await open('source.db');
    const { runId } = await source.runs.start(smallConfig(world.simulator.url));
    await source.runs.waitForRun(runId);
    const text = exportText(source, runId);

    const withKey = forge(text, (event) => event.type === 'RunStarted', (event) => {
      const data = event.data as { config: { endpoints: Array<Record<string, unknown>> } };
      data.config.endpoints[0]!.apiKey = 'sk-stolen';
    });
    const target = await open('target.db');
    expect(() => importRunLines(target.importDeps, withKey)).toThrow(/API keys are not accepted/);
    expect(target.store.lastGlobalPosition()).toBe(0);

    // A config the engine's parser refuses (negative epochs) is refused too.
    const badConfig = forge(text, (event) => event.type === 'RunStarted', (event) => {
      (event.data as { config: Record<string, unknown> }).config.epochs = -3;
    });
    expect(() => importRunLines(target.importDeps, badConfig)).toThrow(/RunStarted/);
    expect(target.store.lastGlobalPosition()).toBe(0);

    // The untouched file still imports, and the imported run can be forked.
    importRunLines(target.importDeps, text);
    expect(target.store.lastGlobalPosition()).toBe(source.store.lastGlobalPosition());
    const { runId: forkId } = await target.runs.fork(runId, { epoch: 1 }, {});
    expect((await target.runs.waitForRun(forkId)).status).toBe('completed');
  });

  it('refuses a RunForked whose overrides or config hold an inline apiKey', async () => {
    const source = await open('source.db');
    const { runId } = await source.runs.start(smallConfig(world.simulator.url));
    await source.runs.waitForRun(runId);
    const { runId: forkId } = await source.runs.fork(runId, { epoch: 1 }, { epochs: 3 });
    await source.runs.waitForRun(forkId);
    const text = exportText(source, forkId);

    const target = await open('target.db');
    const overrideKey = forge(text, (event) => event.type === 'RunForked', (event) => {
      (event.data as { overrides: Record<string, unknown> }).overrides['endpoints.0.apiKey'] = 'sk-stolen';
    });
    expect(() => importRunLines(target.importDeps, overrideKey)).toThrow(/API keys are not accepted/);
    const configKey = forge(text, (event) => event.type === 'RunForked', (event) => {
      (event.data as { config: { endpoints: Array<Record<string, unknown>> } }).config.endpoints[0]!.apiKey = 'sk-stolen';
    });
    expect(() => importRunLines(target.importDeps, configKey)).toThrow(/API keys are not accepted/);
    expect(target.store.lastGlobalPosition()).toBe(0);
  });
});
