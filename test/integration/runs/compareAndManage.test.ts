import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/composition/createCore';
import { rebuildProjections } from '../../../electron/core/projections/rebuildProjections';
import { registeredProjections } from '../../../electron/core/projections/registeredProjections';
import { verifyEventLog } from '../../../electron/core/store/verifyEventLog';
import { checksumProjectionTables } from '../../../electron/core/projections/checksumProjectionTables';
import { exportRunLines } from '../../../electron/core/exchange';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import type { EvaluationCompletedData, LoggedCall, SolverAnsweredData } from '../../../shared/events/run/runEventTypes';
import { mcnemarExact } from '../../../shared/stats/mcnemarExact';
import { wilsonInterval } from '../../../shared/stats/wilsonInterval';
import { createTestWorld, smallConfig, type TestWorld } from './runFixtures';
import { connectionRefused } from '../../../electron/core/runs/servedSimulator';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function eventCount(core: Core): number {
  return core.store.lastGlobalPosition();
}

/** The last 'test' evaluation of a run's logical log, read from its events. */
function finalTest(core: Core, runId: string) {
  const events = core.runs.events(runId, { limit: 1_000_000 });
  const test = events.filter((e) => e.type === 'EvaluationCompleted' && (e.data as EvaluationCompletedData).label === 'test').at(-1)!;
  return { event: test, data: test.data as EvaluationCompletedData, events };
}

describe('compare, rename, archive, resume with new endpoints, validateConfig, progress (real core)', { timeout: 120_000 }, () => {
  let world: TestWorld;
  let core: Core;
  let textgrad: string;
  let remo: string;

  beforeAll(async () => {
    world = await createTestWorld({ latencyMs: 0 });
    core = await createCore({ dbPath: world.dbPath() });
    textgrad = (await core.runs.start(smallConfig(world.simulator.url, { method: 'textgrad', name: 'tg' }))).runId;
    remo = (await core.runs.start(smallConfig(world.simulator.url, { method: 'remo', name: 'remo' }))).runId;
    expect((await core.runs.waitForRun(textgrad)).status).toBe('completed');
    expect((await core.runs.waitForRun(remo)).status).toBe('completed');
  });
  afterAll(async () => {
    await core?.close();
    await world?.dispose();
  });

  it('compare: intervals, usage per role and the paired test equal a hand count from the events', async () => {
    const report = await core.compare([textgrad, remo]);
    expect(report.runs.map((r) => r.runId)).toEqual([textgrad, remo]);
    for (const run of report.runs) {
      const { event, data, events } = finalTest(core, run.runId);
      expect(run.testPosition).toBe(event.globalPosition);
      expect(run.testItems).toBe(data.total);
      expect(run.testCI).toEqual(wilsonInterval(data.correct, data.total));
      const val = events.filter((e) => e.type === 'EvaluationCompleted' && (e.data as EvaluationCompletedData).label === 'epoch-val').at(-1)!.data as EvaluationCompletedData;
      expect(run.valCI).toEqual(wilsonInterval(val.correct, val.total));
      expect(run.val).toBe(val.accuracy);
      const byRole: Record<string, { calls: number; promptTokens: number; completionTokens: number; latency: number }> = {};
      for (const e of core.store.readOwnEvents(run.runId)) {
        for (const call of ((e.data as { calls?: LoggedCall[] }).calls ?? [])) {
          const row = (byRole[call.role] ??= { calls: 0, promptTokens: 0, completionTokens: 0, latency: 0 });
          row.calls += 1;
          row.promptTokens += call.promptTokens;
          row.completionTokens += call.completionTokens;
          row.latency += Math.round(call.latencyMs);
        }
      }
      expect(Object.keys(run.usageByRole).sort()).toEqual(Object.keys(byRole).sort());
      for (const [role, u] of Object.entries(byRole)) {
        expect(run.usageByRole[role]).toEqual({ calls: u.calls, promptTokens: u.promptTokens, completionTokens: u.completionTokens, seconds: u.latency / 1000 });
      }
      expect(run.curve[0]?.epoch).toBe(0);
      expect(run.curve.at(-1)?.test).toBe(data.accuracy);
    }
    const a = finalTest(core, textgrad).data;
    const b = finalTest(core, remo).data;
    const bCorrect = new Map(b.items.map((i) => [i.itemId, i.correct]));
    const shared = a.items.filter((i) => bCorrect.has(i.itemId));
    const wrongToRight = shared.filter((i) => !i.correct && bCorrect.get(i.itemId)).length;
    const rightToWrong = shared.filter((i) => i.correct && !bCorrect.get(i.itemId)).length;
    expect(report.pairs).toHaveLength(1);
    const pair = report.pairs[0]!;
    expect(pair).toMatchObject({ a: textgrad, b: remo, sharedItems: shared.length, wrongToRight, rightToWrong, mcnemarP: mcnemarExact(wrongToRight, rightToWrong) });
    expect(pair.flipped).toHaveLength(wrongToRight + rightToWrong);
    for (const item of pair.flipped) {
      expect(item.question).toBeTruthy();
      expect(item.gold).toBeTruthy();
      for (const [side, runId] of [[item.a, textgrad], [item.b, remo]] as const) {
        // The answer is a logged eval SolverAnswered of that item at or before the final test.
        const { event: test, events } = finalTest(core, runId);
        const answer = events.find((e) => e.globalPosition === side.position)!;
        expect(answer.type).toBe('SolverAnswered');
        expect(answer.globalPosition).toBeLessThanOrEqual(test.globalPosition);
        const d = answer.data as SolverAnsweredData;
        expect(d).toMatchObject({ itemId: item.itemId, purpose: 'eval', predicted: side.predicted, correct: side.correct });
      }
    }
  });

  it('rename and archive are catalog events: the list follows them, they survive a rebuild, and runs stay verifiable and exportable', async () => {
    const before = core.store.streamVersion(textgrad);
    expect(core.runs.rename(textgrad, '  baseline  ')).toEqual({ runId: textgrad, name: 'baseline' });
    core.runs.archive(remo, true);
    expect(core.store.streamVersion(textgrad)).toBe(before);
    expect(core.runs.list().map((r) => r.runId)).not.toContain(remo);
    const all = core.runs.list({ includeArchived: true });
    expect(all.find((r) => r.runId === remo)?.archived).toBe(true);
    expect(all.find((r) => r.runId === textgrad)).toMatchObject({ name: 'baseline', archived: false, model: 'remo-simulator' });
    expect(() => core.runs.rename('no-such-run', 'x')).toThrow(/no-such-run/);

    rebuildProjections(core.store.db, core.store, registeredProjections());
    expect(core.runs.summary(textgrad).name).toBe('baseline');
    expect(core.runs.summary(remo).archived).toBe(true);
    expect(verifyEventLog(core.store.db).ok).toBe(true);
    expect(exportRunLines(core.store, textgrad, () => new Date()).length).toBeGreaterThan(1);
    core.runs.archive(remo, false);
    expect(core.runs.list().map((r) => r.runId)).toContain(remo);
    expect((await core.compare([textgrad])).runs[0]?.name).toBe('baseline');
  });

  it('a fork with no name says what it is forked from; a named fork keeps its name', async () => {
    const { runId } = await core.runs.fork(remo, { epoch: 1 }, { epochs: 2 });
    await core.runs.waitForRun(runId);
    expect(core.runs.summary(runId).name).toBe('remo · fork @ epoch 1');
    const count = eventCount(core);
    await expect(core.runs.fork(remo, { epoch: 1 }, { epochs: 500 })).rejects.toThrow(/epochs must be between 1 and 100/);
    await expect(core.runs.fork(remo, { epoch: 1 }, { endpoints: { 0: { baseURL: 'ftp://x/v1' } } })).rejects.toThrow(/http:\/\/ or https:\/\//);
    expect(eventCount(core)).toBe(count);
    const named = await core.runs.fork(remo, { epoch: 1 }, { name: 'mine' });
    await core.runs.waitForRun(named.runId);
    expect(core.runs.summary(named.runId).name).toBe('mine');
  });

  it('a run failed for a wrong URL resumes with new endpoints (RunReconfigured) and completes; other keys and keys are refused', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}/v1`;
    const config = smallConfig(dead, { method: 'textgrad', epochs: 1, name: 'wrong url' });
    (config.endpoints as Array<Record<string, unknown>>)[0]!.kind = 'vllm';
    const { runId } = await core.runs.start(config);
    const failed = await core.runs.waitForRun(runId);
    expect(failed.status).toBe('failed');
    expect(failed.statusReason).toMatch(/Fix it, then resume the run/);
    expect(core.runs.progress(runId).failures).toBeGreaterThanOrEqual(1);

    const count = eventCount(core);
    await expect(core.runs.resume(runId, { epochs: 3 })).rejects.toThrow(/epochs/);
    await expect(core.runs.resume(runId, { endpoints: { 0: { apiKey: 'sk-secret' } } })).rejects.toThrow(/apiKeyEnv/);
    await expect(core.runs.resume(runId, { 'endpoints.0.baseURL': 'ftp://example.com/v1' })).rejects.toThrow(/http/);
    expect(eventCount(core)).toBe(count);

    await core.runs.resume(runId, { endpoints: { 0: { baseURL: world.simulator.url } } });
    const done = await core.runs.waitForRun(runId);
    expect(done.status).toBe('completed');
    const own = core.store.readOwnEvents(runId);
    const reconfigured = own.find((e) => e.type === 'RunReconfigured')!;
    expect(reconfigured.data).toMatchObject({ overrides: { 'endpoints.0.baseURL': world.simulator.url } });
    expect(JSON.stringify(reconfigured.data)).not.toContain('sk-');
    expect(own.map((e) => e.type).indexOf('RunResumed')).toBeGreaterThan(own.indexOf(reconfigured));
    // Rebuilding gives the same tables; the fold applies the new endpoints.
    expect(verifyEventLog(core.store.db).ok).toBe(true);
    const progress = core.runs.progress(runId);
    expect(progress).toMatchObject({ status: 'completed', etaSeconds: null });
    expect(progress.done).toBe(progress.total);
  });

  it('validateConfig names every problem in plain words and writes nothing; start refuses the same', async () => {
    const count = eventCount(core);
    const good = await core.runs.validateConfig(smallConfig(world.simulator.url));
    expect(good.ok).toBe(true);
    expect(good.resolved).toMatchObject({ method: 'remo', epochs: 2 });
    const endpoint = { name: 'e', kind: 'custom', baseURL: 'ftp://host/v1', model: '', apiKeyEnv: 'lower-case bad name!', concurrency: 2000, timeoutMs: 10 };
    const bad = await core.runs.validateConfig({ ...smallConfig(world.simulator.url), endpoints: [endpoint] });
    expect(bad.ok).toBe(false);
    expect(bad.issues).toContainEqual({ path: 'endpoints.0.model', message: 'model of endpoint 1 must not be empty' });
    expect(bad.issues).toContainEqual({ path: 'endpoints.0.concurrency', message: 'concurrency of endpoint 1 must be at most 1024' });
    for (const issue of bad.issues) expect(issue.message).not.toMatch(/Too small|expected string|>=/);
    const fixedModel = await core.runs.validateConfig({ ...smallConfig(world.simulator.url), epochs: 1000, batchSize: 65, endpoints: [{ ...endpoint, model: 'm', concurrency: 8 }] });
    const paths = fixedModel.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['epochs', 'batchSize', 'endpoints.0.baseURL', 'endpoints.0.apiKeyEnv', 'endpoints.0.timeoutMs']));
    expect(fixedModel.issues.find((i) => i.path === 'endpoints.0.baseURL')?.message).toMatch(/http:\/\/ or https:\/\//);
    const unset = await core.runs.validateConfig({ ...smallConfig(world.simulator.url), endpoints: [{ name: 'e', baseURL: world.simulator.url, model: 'm', apiKeyEnv: 'REMO_SURELY_UNSET_VARIABLE' }] });
    expect(unset.issues).toEqual([expect.objectContaining({ path: 'endpoints.0.apiKeyEnv', message: expect.stringMatching(/REMO_SURELY_UNSET_VARIABLE.*not set/) })]);
    const tooBig = await core.runs.validateConfig(smallConfig(world.simulator.url, { split: { train: 9000, val: 12, test: 12 } }));
    expect(tooBig.ok).toBe(false);
    expect(tooBig.issues[0]?.path).toBe('split');
    const noMemory = await core.runs.validateConfig(smallConfig(world.simulator.url, { memory: { fromRunId: 'no-such-run' } }));
    expect(noMemory.issues).toEqual([{ path: 'memory.fromRunId', message: 'no run "no-such-run"' }]);
    await expect(core.runs.start({ ...smallConfig(world.simulator.url), epochs: 101 })).rejects.toThrow(/epochs must be between 1 and 100/);
    const keyed = await core.runs.validateConfig({ ...smallConfig(world.simulator.url), endpoints: [{ name: 'e', baseURL: world.simulator.url, model: 'm', apiKey: 'sk-1' }] });
    expect(keyed.issues).toEqual([{ path: 'endpoints.0.apiKey', message: expect.stringMatching(/^API keys are not accepted/) }]);
    expect(eventCount(core)).toBe(count);
  });

  it('simulator endpoints whose server is gone are served in-process: a paused run resumes and forks to completion', async () => {
    const own = await startSimulator({ seed: 0, latencyMs: 20 });
    const { runId } = await core.runs.start(smallConfig(own.url, { method: 'remo', name: 'demo-like' }));
    core.runs.requestPause(runId);
    expect((await core.runs.waitForRun(runId)).status).toBe('paused');
    await own.stop();
    const labels: string[] = [];
    const unsubscribe = core.runs.onProgress((progress) => labels.push(progress.phase));
    await core.runs.resume(runId);
    const resumed = await core.runs.waitForRun(runId);
    unsubscribe();
    expect(labels.at(-1)).toMatch(/simulator served in-process \(sim\)/);
    expect(resumed.status).toBe('completed');
    expect(core.servedSimulatorUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    // The log keeps the run's own URL.
    const started = core.store.readOwnEvents(runId)[0]!.data as { config: { endpoints: Array<{ baseURL: string }> } };
    expect(started.config.endpoints[0]!.baseURL).toBe(own.url);
    const fork = await core.runs.fork(runId, { epoch: 1 }, { epochs: 3 });
    expect((await core.runs.waitForRun(fork.runId)).status).toBe('completed');
  });

  it('runs.progress of an executing run: units, ETA, calls and requests in flight per endpoint', async () => {
    const slow = await startSimulator({ seed: 0, latencyMs: 60 });
    try {
      const { runId } = await core.runs.start(smallConfig(slow.url, { method: 'textgrad', name: 'slow' }));
      await slow.whenInFlight(1);
      let seen = core.runs.progress(runId);
      for (let i = 0; i < 200 && (seen.done === 0 || seen.endpoints.every((e) => e.inFlight === 0)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        seen = core.runs.progress(runId);
      }
      expect(seen.status).toBe('running');
      expect(seen.endpoints).toEqual([expect.objectContaining({ name: 'sim', concurrency: 32 })]);
      expect(seen.total).toBeGreaterThan(seen.done);
      expect(seen.phase.length).toBeGreaterThan(0);
      if (seen.done > 0) expect(seen.etaSeconds).not.toBeNull();
      await core.runs.waitForRun(runId);
      const after = core.runs.progress(runId);
      expect(after).toMatchObject({ status: 'completed', endpoints: [], etaSeconds: null });
      expect(after.done).toBe(after.total);
    } finally {
      await slow.stop();
    }
  });

  it('a rebuild of every projection reproduces the live tables, catalog events and RunReconfigured included', () => {
    const projections = registeredProjections();
    const live = checksumProjectionTables(core.store.db, projections);
    rebuildProjections(core.store.db, core.store, projections);
    expect(checksumProjectionTables(core.store.db, projections)).toBe(live);
    expect(core.store.readAll({ types: ['RunRenamed', 'RunArchived', 'RunReconfigured'], limit: 100 }).map((e) => e.type)).toEqual(
      expect.arrayContaining(['RunRenamed', 'RunArchived', 'RunReconfigured']),
    );
  });
});

describe('the in-process simulator of a core', { timeout: 60_000 }, () => {
  it('serves a run whose simulator URL never answered, and stops when the core closes', async () => {
    const world = await createTestWorld({ latencyMs: 0 });
    const other = await createCore({ dbPath: world.dbPath('served.db') });
    try {
      const dead = `http://127.0.0.1:${await closedPort()}/v1`;
      const { runId } = await other.runs.start(smallConfig(dead, { method: 'textgrad', epochs: 1 }));
      expect((await other.runs.waitForRun(runId)).status).toBe('completed');
      const url = other.servedSimulatorUrl();
      expect(url).not.toBeNull();
      expect(await connectionRefused(url!)).toBe(false);
      await other.close();
      expect(await connectionRefused(url!)).toBe(true);
    } finally {
      await other.close().catch(() => undefined);
      await world.dispose();
    }
  });
});
