import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerEvents } from '../../shared/api/contract';
import type { ApiClient, ApiTransport } from '../../shared/api/transport';
import { createApiClient } from '../../shared/api/transport';

/** One transport under test, over a core that holds at least one finished run with 2+ epochs. */
export interface ContractHarness {
  transport: ApiTransport;
  /** Expected `app.info().transport`. */
  transportName: 'in-process' | 'web' | 'ipc';
  /** A finished run with at least epochs 0 and 1. */
  seededRunId: string;
  /** A config `runs.start` accepts (short, simulated). */
  startConfig: Record<string, unknown>;
  /** An endpoint of the default config for new runs that answers (the simulator), if any. */
  testEndpoint?: string;
  /** Resolves when pushed events can be received (socket open). */
  ready(): Promise<void>;
  /** Waits for every run started by the tests, then releases everything. */
  close(): Promise<void>;
}

/**
 * The contract suite: the same cases over every transport, so a transport cannot drift from
 * the others (shapes, error codes, paging, pushes).
 */
export function defineContractSuite(name: string, setup: () => Promise<ContractHarness>): void {
  describe(`API contract over ${name}`, () => {
    let harness: ContractHarness;
    let client: ApiClient;

    beforeAll(async () => {
      harness = await setup();
      client = createApiClient(harness.transport);
    }, 120_000);
    afterAll(async () => {
      await harness?.close();
    }, 120_000);

    it('app.info names this transport, the database and the simulator flag', async () => {
      const result = await client.call('app.info', {});
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.transport).toBe(harness.transportName);
      expect(result.value.dbPath.length).toBeGreaterThan(0);
      expect(typeof result.value.simulator).toBe('boolean');
      expect(result.value.version).toMatch(/^\d+\.\d+\.\d+/);
    });

    it('runs.list includes the seeded run with its summary fields', async () => {
      const result = await client.call('runs.list', {});
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const run = result.value.find((r) => r.runId === harness.seededRunId);
      expect(run).toBeDefined();
      expect(run?.epochsDone).toBeGreaterThanOrEqual(1);
      expect(typeof run?.simulated).toBe('boolean');
      expect(run?.usage.calls).toBeGreaterThan(0);
    });

    it('runs.summary of an unknown run is a not-found envelope', async () => {
      const result = await client.call('runs.summary', { runId: 'no-such-run' });
      expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    });

    it('malformed arguments are a bad-request envelope that names the field', async () => {
      const result = await harness.transport.invoke('runs.summary', { runId: 42 });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('bad-request');
      expect(result.error.message).toContain('runId');
      const extra = await harness.transport.invoke('runs.list', { sneaky: true });
      expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      const notAnObject = await harness.transport.invoke('runs.stateAt', 'end');
      expect(notAnObject).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    });

    it('an unknown method is an unknown-method envelope', async () => {
      const result = await harness.transport.invoke('runs.dropTable', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    });

    it('keys.* are write-only: kept by the desktop app over IPC, unavailable (use apiKeyEnv) elsewhere; bad payloads are bad-request everywhere', async () => {
      expect(await harness.transport.invoke('keys.set', { endpoint: 'simulator', key: 'has a space' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(await harness.transport.invoke('keys.delete', {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      if (harness.transportName !== 'ipc') {
        const status = await client.call('keys.status', {});
        expect(status).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('apiKeyEnv') } });
        expect(await client.call('keys.set', { endpoint: 'simulator', key: 'sk-contract' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
        return;
      }
      expect(await client.call('keys.set', { endpoint: 'contract-endpoint', key: 'sk-contract' })).toEqual({ ok: true, value: { endpoint: 'contract-endpoint', stored: true } });
      const status = await client.call('keys.status', {});
      expect(status).toMatchObject({ ok: true, value: { available: true, stored: expect.arrayContaining(['contract-endpoint']) } });
      expect(JSON.stringify(status)).not.toContain('sk-contract');
      expect(await client.call('keys.delete', { endpoint: 'contract-endpoint' })).toEqual({ ok: true, value: { endpoint: 'contract-endpoint', deleted: true } });
    });

    it('runs.stateAt folds to the seed epoch, a later epoch and the end, in order', async () => {
      const seed = await client.call('runs.stateAt', { runId: harness.seededRunId, at: { epoch: 0 } });
      const one = await client.call('runs.stateAt', { runId: harness.seededRunId, at: { epoch: 1 } });
      const end = await client.call('runs.stateAt', { runId: harness.seededRunId, at: 'end' });
      expect(seed.ok && one.ok && end.ok).toBe(true);
      if (!seed.ok || !one.ok || !end.ok) return;
      expect(seed.value.epoch).toBe(0);
      expect(seed.value.prompt.version).toBe(0);
      expect(seed.value.position).toBeLessThan(one.value.position);
      expect(one.value.position).toBeLessThanOrEqual(end.value.position);
      expect(end.value.metrics.length).toBeGreaterThanOrEqual(2);
      const bad = await harness.transport.invoke('runs.stateAt', { runId: harness.seededRunId, at: { epoch: -1 } });
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    });

    it('runs.events pages without gaps or overlaps', async () => {
      const all = await client.call('runs.events', { runId: harness.seededRunId, limit: 1000 });
      expect(all.ok).toBe(true);
      if (!all.ok) return;
      expect(all.value.events.length).toBeGreaterThanOrEqual(3);
      expect(all.value.nextAfterPosition).toBeNull();
      const collected: number[] = [];
      let after: number | undefined;
      for (let guard = 0; guard < 10_000; guard += 1) {
        const page = await client.call('runs.events', { runId: harness.seededRunId, limit: 2, ...(after === undefined ? {} : { afterPosition: after }) });
        expect(page.ok).toBe(true);
        if (!page.ok) return;
        expect(page.value.events.length).toBeLessThanOrEqual(2);
        collected.push(...page.value.events.map((e) => e.globalPosition));
        if (page.value.nextAfterPosition === null) break;
        after = page.value.nextAfterPosition;
      }
      expect(collected).toEqual(all.value.events.map((e) => e.globalPosition));
      const tooBig = await harness.transport.invoke('runs.events', { runId: harness.seededRunId, limit: 100_000 });
      expect(tooBig).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    });

    it('store.verify walks the chain and finds it intact', async () => {
      const result = await client.call('store.verify', {});
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.ok).toBe(true);
      expect(result.value.eventsChecked).toBeGreaterThan(0);
    });

    it('runs.timeline indexes every event of the run without payloads, and its tail after a position', async () => {
      const all = await client.call('runs.events', { runId: harness.seededRunId, limit: 1000 });
      const index = await client.call('runs.timeline', { runId: harness.seededRunId });
      expect(all.ok && index.ok).toBe(true);
      if (!all.ok || !index.ok) return;
      expect(index.value.positions).toEqual(all.value.events.map((e) => e.globalPosition));
      expect(index.value.types.map((t) => index.value.typeNames[t])).toEqual(all.value.events.map((e) => e.type));
      expect(index.value.epochEnds.map((e) => e.epoch).slice(0, 2)).toEqual([0, 1]);
      const middle = index.value.positions[Math.floor(index.value.positions.length / 2)]!;
      const tail = await client.call('runs.timeline', { runId: harness.seededRunId, afterPosition: middle });
      expect(tail.ok && tail.value.positions).toEqual(index.value.positions.filter((p) => p > middle));
      expect(await client.call('runs.timeline', { runId: 'no-such-run' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    });

    it('runs.versions, runs.metrics and runs.provenance describe the run from its records', async () => {
      const versions = await client.call('runs.versions', { runId: harness.seededRunId });
      const metrics = await client.call('runs.metrics', { runId: harness.seededRunId });
      expect(versions.ok && metrics.ok).toBe(true);
      if (!versions.ok || !metrics.ok) return;
      expect(versions.value[0]).toMatchObject({ kind: 'prompt', version: 0, status: 'initial' });
      expect(metrics.value.evaluations.some((e) => e.label === 'seed-val')).toBe(true);
      expect(metrics.value.trainBatches.length).toBeGreaterThan(0);
      const made = versions.value.find((v) => v.kind === 'prompt' && v.epoch !== null);
      if (made) {
        const provenance = await client.call('runs.provenance', { runId: harness.seededRunId, kind: 'prompt', position: made.position });
        expect(provenance.ok && provenance.value.answers.length).toBeGreaterThan(0);
      }
      const wrongKind = await harness.transport.invoke('runs.provenance', { runId: harness.seededRunId, kind: 'notebook', position: 1 });
      expect(wrongKind).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    });

    it('runs.event gives one event in full and refuses positions outside the run', async () => {
      const all = await client.call('runs.events', { runId: harness.seededRunId, limit: 1000 });
      expect(all.ok).toBe(true);
      if (!all.ok) return;
      const third = all.value.events[2]!;
      const detail = await client.call('runs.event', { runId: harness.seededRunId, position: third.globalPosition });
      expect(detail).toMatchObject({ ok: true, value: { index: 2, event: { globalPosition: third.globalPosition, type: third.type } } });
      const outside = await client.call('runs.event', { runId: harness.seededRunId, position: 10_000_000 });
      expect(outside).toMatchObject({ ok: false, error: { code: 'not-found' } });
      const zero = await harness.transport.invoke('runs.event', { runId: harness.seededRunId, position: 0 });
      expect(zero).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    });

    it('runs.searchNotebook answers with scored entries and refuses an empty query', async () => {
      const hits = await client.call('runs.searchNotebook', { runId: harness.seededRunId, at: 'end', query: 'how many apples', k: 3 });
      expect(hits.ok).toBe(true);
      if (hits.ok) {
        expect(hits.value.length).toBeLessThanOrEqual(3);
        for (const hit of hits.value) expect(hit.score).toBeLessThanOrEqual(1.000001);
      }
      const empty = await harness.transport.invoke('runs.searchNotebook', { runId: harness.seededRunId, at: 'end', query: '   ' });
      expect(empty).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    });

    it('runs.start refuses an invalid config with a bad-request envelope', async () => {
      const result = await client.call('runs.start', { config: { method: 'bogus' } });
      expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    });

    it('runs.start returns a run id and its events are pushed to subscribers', async () => {
      // Buffer every push from before the start: RunStarted may be pushed before start() resolves.
      const seen: ServerEvents['runs.appended'] = [];
      let wake: () => void = () => undefined;
      const off = client.on('runs.appended', (batches) => {
        seen.push(...batches);
        wake();
      });
      try {
        await harness.ready();
        const started = await client.call('runs.start', { config: harness.startConfig });
        expect(started.ok).toBe(true);
        if (!started.ok) return;
        const runId = started.value.runId;
        const deadline = Date.now() + 20_000;
        while (!seen.some((e) => e.runId === runId)) {
          if (Date.now() > deadline) throw new Error(`no runs.appended push for ${runId} within 20 s`);
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 1000);
          });
        }
        // Pushes are compact: which run, which positions, which types; never payloads.
        const own = seen.filter((e) => e.runId === runId);
        expect(own[0]?.types[0]).toBe('RunStarted');
        expect(own[0]!.lastPosition).toBeGreaterThanOrEqual(own[0]!.firstPosition);
        expect(own[0]!.count).toBeGreaterThan(0);
        expect(Object.keys(own[0]!).sort()).toEqual(['count', 'firstPosition', 'lastPosition', 'runId', 'types']);
      } finally {
        off();
      }
    });

    it('runs.fork at an epoch creates a child run that names its parent', async () => {
      const forked = await client.call('runs.fork', { runId: harness.seededRunId, at: { epoch: 1 }, overrides: {} });
      expect(forked.ok).toBe(true);
      if (!forked.ok) return;
      expect(forked.value.runId).not.toBe(harness.seededRunId);
      const summary = await client.call('runs.summary', { runId: forked.value.runId });
      expect(summary.ok).toBe(true);
      if (!summary.ok) return;
      expect(summary.value.parentRunId).toBe(harness.seededRunId);
    });

    it('llm.testConnection reports on a configured endpoint and refuses an unknown one', async () => {
      const unknown = await client.call('llm.testConnection', { endpoint: 'no-such-endpoint' });
      expect(unknown).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      if (!harness.testEndpoint) return;
      const report = await client.call('llm.testConnection', { endpoint: harness.testEndpoint });
      if (!report.ok) throw new Error(`llm.testConnection failed: ${JSON.stringify(report.error)}`);
      if (!report.ok) return;
      expect(report.value).toMatchObject({ endpoint: harness.testEndpoint, reachable: true, modelAvailable: true });
    });

    it('pause and stop of an unknown run are not-found; of a finished run they are accepted or refused with a code', async () => {
      expect(await client.call('runs.pause', { runId: 'no-such-run' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(await client.call('runs.stop', { runId: 'no-such-run' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      const resume = await client.call('runs.resume', { runId: 'no-such-run' });
      expect(resume).toMatchObject({ ok: false, error: { code: 'not-found' } });
    });

    it('runs.compare gives each run with Wilson intervals and usage per role; an unknown run is not-found', async () => {
      const result = await client.call('runs.compare', { runIds: [harness.seededRunId] });
      if (!result.ok) throw new Error(`runs.compare failed: ${JSON.stringify(result.error)}`);
      const [run] = result.value.runs;
      expect(run).toMatchObject({ runId: harness.seededRunId, status: 'completed' });
      expect(run!.testCI![0]).toBeLessThanOrEqual(run!.test!);
      expect(run!.testCI![1]).toBeGreaterThanOrEqual(run!.test!);
      expect(run!.usageByRole.solver?.calls).toBeGreaterThan(0);
      expect(result.value.pairs).toEqual([]);
      expect(await client.call('runs.compare', { runIds: [harness.seededRunId, 'no-such-run'] })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(await harness.transport.invoke('runs.compare', { runIds: [] })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    });

    it('runs.rename and runs.archive change the list; archived runs are listed only when asked', async () => {
      const renamed = await client.call('runs.rename', { runId: harness.seededRunId, name: 'renamed by the contract suite' });
      expect(renamed).toEqual({ ok: true, value: { runId: harness.seededRunId, name: 'renamed by the contract suite' } });
      expect(await client.call('runs.rename', { runId: harness.seededRunId, name: '   ' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(await client.call('runs.archive', { runId: harness.seededRunId, archived: true })).toEqual({ ok: true, value: { runId: harness.seededRunId, archived: true } });
      const hidden = await client.call('runs.list', {});
      expect(hidden.ok && hidden.value.some((r) => r.runId === harness.seededRunId)).toBe(false);
      const all = await client.call('runs.list', { includeArchived: true });
      expect(all.ok && all.value.find((r) => r.runId === harness.seededRunId)).toMatchObject({ name: 'renamed by the contract suite', archived: true });
      await client.call('runs.archive', { runId: harness.seededRunId, archived: false });
      const back = await client.call('runs.list', {});
      expect(back.ok && back.value.some((r) => r.runId === harness.seededRunId)).toBe(true);
      expect(await client.call('runs.archive', { runId: 'no-such-run', archived: true })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    });

    it('runs.progress of a finished run is complete with no ETA', async () => {
      const result = await client.call('runs.progress', { runId: harness.seededRunId });
      if (!result.ok) throw new Error(`runs.progress failed: ${JSON.stringify(result.error)}`);
      expect(result.value).toMatchObject({ runId: harness.seededRunId, status: 'completed', etaSeconds: null, failures: 0 });
      expect(result.value.done).toBe(result.value.total);
      expect(result.value.calls).toBeGreaterThan(0);
      expect(await client.call('runs.progress', { runId: 'no-such-run' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    });

    it('runs.validateConfig accepts what runs.start would and lists problems in plain words, creating nothing', async () => {
      const before = await client.call('runs.list', { includeArchived: true });
      const good = await client.call('runs.validateConfig', { config: harness.startConfig });
      if (!good.ok) throw new Error(`runs.validateConfig failed: ${JSON.stringify(good.error)}`);
      expect(good.value.ok).toBe(true);
      const bad = await client.call('runs.validateConfig', { config: { ...harness.startConfig, method: 'bogus' } });
      expect(bad.ok && bad.value.ok).toBe(false);
      expect(bad.ok && bad.value.issues.some((issue) => issue.path === 'method')).toBe(true);
      const after = await client.call('runs.list', { includeArchived: true });
      expect(after.ok && before.ok && after.value.length).toBe(before.ok ? before.value.length : -1);
    });

    it('llm.testEndpoint probes a described endpoint and refuses a malformed one', async () => {
      const refused = await client.call('llm.testEndpoint', { endpoint: { name: 'x', baseURL: 'ftp://example.com/v1', model: 'm' } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      const keyed = await client.call('llm.testEndpoint', { endpoint: { name: 'x', baseURL: 'http://127.0.0.1:1/v1', model: 'm', apiKey: 'sk-1' } });
      expect(keyed).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      const resolved = await client.call('runs.validateConfig', { config: harness.startConfig });
      const endpoint = resolved.ok ? (resolved.value.resolved?.endpoints as Array<Record<string, unknown>> | undefined)?.[0] : undefined;
      if (!endpoint || endpoint.kind !== 'simulator') return;
      const report = await client.call('llm.testEndpoint', { endpoint });
      if (!report.ok) throw new Error(`llm.testEndpoint failed: ${JSON.stringify(report.error)}`);
      expect(report.value).toMatchObject({ reachable: true, modelAvailable: true });
      // The simulator lists its window as vLLM does (max_model_len).
      expect(report.value.contextLength).toBeGreaterThan(0);
    });

    it('runs.validateConfig with checkData false checks the config alone, without its dataset', async () => {
      const config = { ...harness.startConfig, dataset: { name: 'no-such-dataset' } };
      const full = await client.call('runs.validateConfig', { config });
      if (!full.ok) throw new Error(`runs.validateConfig failed: ${JSON.stringify(full.error)}`);
      expect(full.value.ok).toBe(false);
      const alone = await client.call('runs.validateConfig', { config, checkData: false });
      if (!alone.ok) throw new Error(`runs.validateConfig failed: ${JSON.stringify(alone.error)}`);
      expect(alone.value).toMatchObject({ ok: true, issues: [], resolved: { dataset: { name: 'no-such-dataset' } } });
      const bad = await client.call('runs.validateConfig', { config: { ...config, batchSize: 0 }, checkData: false });
      expect(bad.ok && bad.value.issues.some((issue) => issue.path === 'batchSize')).toBe(true);
    });

    it('runs.export gives the run as a JSONL file; runs.import of it here writes nothing; a damaged file is refused', async () => {
      const exported = await client.call('runs.export', { runId: harness.seededRunId });
      if (!exported.ok) throw new Error(`runs.export failed: ${JSON.stringify(exported.error)}`);
      const { content, eventCount, fileName, runId } = exported.value;
      expect(runId).toBe(harness.seededRunId);
      expect(fileName).toBe(`remo-run-${harness.seededRunId}.jsonl`);
      const lines = content.split('\n');
      expect(lines.pop()).toBe('');
      expect(lines).toHaveLength(eventCount + 1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'remo-run-export', version: 1, runId: harness.seededRunId, eventCount });

      const again = await client.call('runs.import', { content });
      if (!again.ok) throw new Error(`runs.import failed: ${JSON.stringify(again.error)}`);
      expect(again.value).toEqual({ runId: harness.seededRunId, written: 0, alreadyPresent: eventCount, runIds: [harness.seededRunId] });

      const truncated = lines.slice(0, Math.ceil(lines.length / 2)).join('\n') + '\n';
      const refused = await client.call('runs.import', { content: truncated });
      expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      if (!refused.ok) expect(refused.error.message).toMatch(/announces/);
      expect(await client.call('runs.import', { content: '' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(await client.call('runs.export', { runId: 'no-such-run' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(await harness.transport.invoke('runs.import', { content: 42 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    });

    it('datasets.preview detects the format and mapping, shows the first rows and every problem, and writes nothing', async () => {
      const jsonl = [
        { id: 'a', problem: 'Two plus two?', solution: '2 + 2 = 4 #### 4' },
        { id: 'b', problem: 'Three times three?', solution: '3 * 3 = 9 #### 9' },
        { id: 'c', problem: 'two PLUS two?', solution: '#### 4' },
      ].map((row) => JSON.stringify(row)).join('\n') + '\n';
      const preview = await client.call('datasets.preview', { content: jsonl, fileName: 'mini.jsonl', rows: 2 });
      if (!preview.ok) throw new Error(`datasets.preview failed: ${JSON.stringify(preview.error)}`);
      expect(preview.value).toMatchObject({
        format: 'jsonl',
        formatFrom: 'file-name',
        fields: ['id', 'problem', 'solution'],
        mapping: { questionField: 'problem', answerField: 'solution', idField: 'id', gold: 'gsm8k' },
        rowCount: 3,
        ok: true,
        itemCount: 3,
        errors: [],
      });
      expect([...preview.value.detected].sort()).toEqual(['answerField', 'gold', 'idField', 'questionField']);
      expect(preview.value.sample).toEqual([
        { place: 'line 1', record: { id: 'a', problem: 'Two plus two?', solution: '2 + 2 = 4 #### 4' } },
        { place: 'line 2', record: { id: 'b', problem: 'Three times three?', solution: '3 * 3 = 9 #### 9' } },
      ]);
      expect(preview.value.items[0]).toEqual({ id: 'a', question: 'Two plus two?', answer: '4', solution: '2 + 2 = 4 #### 4' });
      expect(preview.value.warnings).toEqual([{ location: { kind: 'line', line: 3 }, message: 'duplicate question (same as line 1)' }]);
      expect(preview.value.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(preview.value.existing).toBeUndefined();

      // The caller's mapping wins; content with no file name is sniffed; a bad row is named by its line.
      const csv = 'question,answer\nq1,1\nq2,\n';
      const bad = await client.call('datasets.preview', { content: csv, mapping: { idField: null, gold: 'raw' } });
      if (!bad.ok) throw new Error(`datasets.preview failed: ${JSON.stringify(bad.error)}`);
      expect(bad.value).toMatchObject({ format: 'csv', formatFrom: 'content', ok: false, itemCount: 0, items: [], detected: ['questionField', 'answerField'] });
      expect(bad.value.mapping).toEqual({ questionField: 'question', answerField: 'answer', gold: 'raw' });
      expect(bad.value.errors).toEqual([{ location: { kind: 'line', line: 3 }, message: 'field "answer" is empty' }]);
      expect(bad.value.sample).toHaveLength(2);

      const list = await client.call('datasets.list', {});
      expect(list.ok && list.value.some((dataset) => dataset.hash === preview.value.hash)).toBe(false);
      expect(await harness.transport.invoke('datasets.preview', { content: jsonl, rows: 1000 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    });

    it('datasets.import stores a file all or nothing, by content; datasets.list shows it', async () => {
      const text = 'id,question,answer\nx1,What is 6 times 7?,42\nx2,What is 10 minus 3?,7\n';
      const base64 = Buffer.from(text, 'utf8').toString('base64');
      const mapping = { questionField: 'question', answerField: 'answer', idField: 'id', gold: 'raw' } as const;
      const stored = await client.call('datasets.import', { content: base64, encoding: 'base64', name: ' arithmetic ', format: 'csv', mapping });
      if (!stored.ok) throw new Error(`datasets.import failed: ${JSON.stringify(stored.error)}`);
      if (!stored.value.ok) throw new Error(`datasets.import refused the file: ${JSON.stringify(stored.value.errors)}`);
      expect(stored.value).toMatchObject({ created: true, itemCount: 2, warnings: [], dataset: { name: 'arithmetic', format: 'csv', itemCount: 2 } });
      const hash = stored.value.hash;

      // The same items as text (another format, another name) are the same dataset: nothing written.
      const jsonl = '{"id":"x1","question":"What is 6 times 7?","answer":"42"}\n{"id":"x2","question":"What is 10 minus 3?","answer":"7"}\n';
      const twin = await client.call('datasets.import', { content: jsonl, name: 'twin', format: 'jsonl', mapping });
      expect(twin.ok && twin.value).toMatchObject({ ok: true, created: false, hash, dataset: { name: 'arithmetic' } });
      const preview = await client.call('datasets.preview', { content: jsonl, format: 'jsonl' });
      expect(preview.ok && preview.value.existing).toMatchObject({ hash, name: 'arithmetic' });

      const list = await client.call('datasets.list', {});
      if (!list.ok) throw new Error(`datasets.list failed: ${JSON.stringify(list.error)}`);
      expect(list.value.filter((dataset) => dataset.hash === hash)).toEqual([
        { hash, name: 'arithmetic', format: 'csv', itemCount: 2, createdAt: stored.value.dataset.createdAt },
      ]);

      const broken = await client.call('datasets.import', { content: 'id,question,answer\ny1,Q,1\ny1,R,2\n', name: 'broken', format: 'csv', mapping });
      expect(broken.ok && broken.value).toMatchObject({ ok: false, errors: [{ location: { kind: 'line', line: 3 } }] });
      const invalidUtf8 = Buffer.from([0x71, 0x75, 0x65, 0x73, 0x74, 0x69, 0x6f, 0x6e, 0x2c, 0x61, 0x0a, 0xff, 0x2c, 0x31, 0x0a]).toString('base64');
      const undecodable = await client.call('datasets.import', { content: invalidUtf8, encoding: 'base64', name: 'bytes', format: 'csv', mapping: { ...mapping, idField: undefined, answerField: 'a' } });
      expect(undecodable.ok && undecodable.value).toMatchObject({ ok: false, errors: [{ location: { kind: 'line', line: 2 } }] });
      const after = await client.call('datasets.list', {});
      expect(after.ok && after.value.length).toBe(list.value.length);

      expect(await client.call('datasets.import', { content: '***', encoding: 'base64', name: 'x', format: 'csv', mapping })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(await client.call('datasets.import', { content: text, name: '   ', format: 'csv', mapping })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(await harness.transport.invoke('datasets.import', { content: text, name: 'x', format: 'xml', mapping })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    });

    it('store.rebuild replays every projection and reports a checksum; the runs read the same afterwards', async () => {
      const before = await client.call('runs.summary', { runId: harness.seededRunId });
      const rebuilt = await client.call('store.rebuild', {});
      if (!rebuilt.ok) throw new Error(`store.rebuild failed: ${JSON.stringify(rebuilt.error)}`);
      expect(rebuilt.value.events).toBeGreaterThan(0);
      expect(rebuilt.value.applied).toBeGreaterThan(0);
      expect(rebuilt.value.applied).toBeLessThanOrEqual(rebuilt.value.events);
      expect(rebuilt.value.projections.length).toBeGreaterThan(0);
      expect(rebuilt.value.elapsedMs).toBeGreaterThanOrEqual(0);
      expect(rebuilt.value.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(await client.call('runs.summary', { runId: harness.seededRunId })).toEqual(before);
      expect(await client.call('store.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
    });

    it('experiments.plan/start/show/list/resume: an experiment over the start config, its table from its runs', async () => {
      const { method: _m, seed: _s, name: _n, ...base } = harness.startConfig;
      const config = { name: 'contract experiment', base, grid: { methods: ['textgrad', 'remo'], seeds: [0, 1] } };
      const plan = await client.call('experiments.plan', { config });
      expect(plan).toMatchObject({ ok: true, value: { runs: 4, simulated: true } });
      const bad = await client.call('experiments.plan', { config: { ...config, grid: { methods: [], seeds: [0] } } });
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      const started = await client.call('experiments.start', { config });
      if (!started.ok) throw new Error(started.error.message);
      const { experimentId, runIds } = started.value;
      expect(runIds).toHaveLength(4);
      // Polled through the transport: show is served by whichever core answers reads (a reader thread in the pool).
      const deadline = Date.now() + 60_000;
      let view = await client.call('experiments.show', { experimentId });
      while (view.ok && view.value.status === 'running' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        view = await client.call('experiments.show', { experimentId });
      }
      if (!view.ok) throw new Error(view.error.message);
      expect(view.value.status).toBe('completed');
      expect(view.value.rows.map((row) => [row.label, row.runs.length, row.completed])).toEqual([['textgrad', 2, 2], ['remo', 2, 2]]);
      for (const row of view.value.rows) {
        const tests: number[] = [];
        for (const runId of row.runs) {
          const summary = await client.call('runs.summary', { runId });
          if (summary.ok && summary.value.test !== null) tests.push(summary.value.test);
        }
        expect(row.test.mean).toBeCloseTo(tests.reduce((a, b) => a + b, 0) / tests.length, 12);
      }
      const listed = await client.call('experiments.list', {});
      expect(listed.ok && listed.value.some((e) => e.experimentId === experimentId && e.completed === 4)).toBe(true);
      // Nothing left to do: resume starts and resumes nothing.
      expect(await client.call('experiments.resume', { experimentId })).toMatchObject({ ok: true, value: { started: [], resumed: [] } });
      expect(await client.call('experiments.show', { experimentId: 'x-missing' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }, 90_000);

    it('runs.resume with overrides other than endpoints is a bad-request naming the key', async () => {
      const result = await client.call('runs.resume', { runId: harness.seededRunId, overrides: { epochs: 5 } });
      expect(result.ok).toBe(false);
    });
  });
}
