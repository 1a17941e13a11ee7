import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiDispatcher } from '../../../electron/core/api';
import { buildDemoConfig } from '../../../electron/core/composition/demoConfig';
import { API_METHODS, apiArgSchemas, type ApiArgs, type ApiMethod } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { createBadInputCore, isStackTrace, type BadInputCore } from './badInputHarness';

/**
 * Property-based: for every method of the contract, arbitrary INVALID payloads (wrong types, extra
 * keys, prototype-pollution keys, oversized strings, NaN/Infinity, nesting) get a `bad-request`
 * envelope from the dispatcher: it never throws, never answers `internal`, never writes. Then
 * payloads that pass the contract's schema but carry hostile content (configs, overrides, run
 * ids, file contents) get a clean refusal (bad-request, not-found or conflict), never `internal`.
 */

/** A valid payload per method (not sent as is): what the generators break in one place. */
function validPayloads(runId: string): { [M in ApiMethod]: ApiArgs<M> } {
  return {
    'app.info': {},
    'store.verify': {},
    'store.rebuild': {},
    'llm.testConnection': { endpoint: 'simulator' },
    'runs.list': { includeArchived: true },
    'runs.summary': { runId },
    'runs.stateAt': { runId, at: { epoch: 1 } },
    'runs.events': { runId, afterPosition: 0, limit: 10 },
    'runs.timeline': { runId, afterPosition: 0 },
    'runs.versions': { runId },
    'runs.metrics': { runId, afterPosition: 0 },
    'runs.event': { runId, position: 1 },
    'runs.provenance': { runId, kind: 'prompt', position: 1 },
    'runs.searchNotebook': { runId, at: { position: 3 }, query: 'fractions', k: 3 },
    'runs.compare': { runIds: [runId] },
    'runs.rename': { runId, name: 'renamed' },
    'runs.archive': { runId, archived: false },
    'runs.progress': { runId },
    'runs.validateConfig': { config: { method: 'remo' }, checkData: true },
    'llm.testEndpoint': { endpoint: { name: 'simulator' } },
    'runs.start': { config: { method: 'remo' } },
    'runs.pause': { runId },
    'runs.resume': { runId, overrides: {} },
    'runs.stop': { runId },
    'runs.fork': { runId, at: 'end', overrides: {} },
    'keys.status': {},
    'keys.set': { endpoint: 'simulator', key: 'sk-abc' },
    'keys.delete': { endpoint: 'simulator' },
    'runs.export': { runId },
    'runs.import': { content: '' },
    'datasets.list': {},
    'datasets.preview': { content: '', encoding: 'utf8', fileName: 'a.jsonl', format: 'jsonl', mapping: { questionField: 'question' }, rows: 5 },
    'datasets.import': { content: '', encoding: 'utf8', name: 'n', format: 'jsonl', mapping: { questionField: 'question', answerField: 'answer', idField: 'id', gold: 'raw' } },
    'experiments.plan': { config: { base: { method: 'remo' }, grid: { methods: ['remo'], seeds: [0] } } },
    'experiments.start': { config: { base: { method: 'remo' }, grid: { methods: ['remo'], seeds: [0] } } },
    'experiments.list': {},
    'experiments.show': { experimentId: 'x0' },
    'experiments.resume': { experimentId: 'x0' },
  };
}

/** Keys that reach Object.prototype when an object is merged naively. */
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
/** Strings past every bound in the contract (200, 500, 4000, 4096), up to 1 MB; shrinks to the shortest. */
const oversized: fc.Arbitrary<string> = fc.integer({ min: 4097, max: 1_000_001 }).map((length) => 'x'.repeat(length));

/** Nested objects/arrays `depth` deep, built without recursion. */
function nested(depth: number, array: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
  return value;
}

/** Sets an own enumerable property even for `__proto__` (an object literal would set the prototype). */
function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 0.5, -0, Number.MAX_SAFE_INTEGER + 2, '', ' ', true, false, null, [], {}),
  oversized,
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.object({ maxDepth: 2 }),
  fc.integer({ min: 2, max: 300 }).chain((depth) => fc.boolean().map((array) => nested(depth, array))),
  fc.constantFrom(...POLLUTION_KEYS).map((key) => withKey({}, key, { polluted: true })),
);

const notAnObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, '', 'app.info', true, false),
  oversized,
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.date(),
);

const extraKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), oversized);

/** Every path into an object payload (keys, and keys of nested plain objects), for in-place mutation. */
function pathsOf(value: Record<string, unknown>, prefix: string[] = []): string[][] {
  const paths: string[][] = [];
  for (const [key, child] of Object.entries(value)) {
    paths.push([...prefix, key]);
    if (child !== null && typeof child === 'object' && !Array.isArray(child)) paths.push(...pathsOf(child as Record<string, unknown>, [...prefix, key]));
  }
  return paths;
}

function setAt(value: Record<string, unknown>, path: readonly string[], replacement: unknown, asExtraKey?: string): Record<string, unknown> {
  if (path.length === 0) return asExtraKey === undefined ? (replacement as Record<string, unknown>) : withKey(value, asExtraKey, replacement);
  const [head, ...rest] = path as [string, ...string[]];
  const child = value[head];
  const next = rest.length === 0 && asExtraKey === undefined ? replacement : setAt((child ?? {}) as Record<string, unknown>, rest, replacement, asExtraKey);
  return withKey(value, head, next);
}

/** Arbitrary payloads for `method` that its schema refuses (checked: the property skips any that pass). */
function invalidPayloads(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const objectPaths: string[][] = [[], ...pathsOf(base).filter((p) => {
    let v: unknown = base;
    for (const k of p) v = (v as Record<string, unknown>)[k];
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  })];
  const allPaths = pathsOf(base);
  const arbitraries: fc.Arbitrary<unknown>[] = [
    notAnObject,
    // An unknown key at the top or inside a nested strict object.
    fc.tuple(fc.constantFrom(...objectPaths), extraKey, hostileValue).map(([path, key, value]) => setAt(base, path, value, key)),
  ];
  // A known key (or a nested one) given a value of the wrong type, out of range, oversized...
  if (allPaths.length > 0) arbitraries.push(fc.tuple(fc.constantFrom(...allPaths), hostileValue).map(([path, value]) => setAt(base, path, value)));
  return fc.oneof(...arbitraries);
}

async function dispatchSafely(dispatch: ApiDispatcher, method: string, payload: unknown): Promise<ApiResult<unknown>> {
  try {
    return await dispatch(method, payload);
  } catch (error) {
    throw new Error(`the dispatcher threw for ${method}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function describePayload(payload: unknown): string {
  try {
    const text = JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'string' && v.length > 60 ? `${v.slice(0, 20)}…(${v.length})` : v));
    return (text ?? String(payload)).slice(0, 300);
  } catch {
    return String(payload).slice(0, 300);
  }
}

const RUNS = Number(process.env.REMO_FUZZ_RUNS ?? 40);
/** Fixed so a run is reproducible; REMO_FUZZ_SEED explores other payloads. */
const SEED = Number(process.env.REMO_FUZZ_SEED ?? 20261201);

describe('API payloads from the contract\'s schemas (fast-check): refused as bad requests, never a crash or a write', { timeout: 300_000 }, () => {
  let t: BadInputCore;
  let dispatch: ApiDispatcher;
  let valid: ReturnType<typeof validPayloads>;
  beforeAll(async () => {
    t = await createBadInputCore();
    dispatch = t.api.dispatcher('in-process');
    valid = validPayloads(t.seededRunId);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });
  afterEach(async () => {
    // A wrongly accepted payload may have started a run: let it end before the next fingerprint.
    for (const run of t.core.runs.list()) if (run.status === 'running') await t.core.runs.waitForRun(run.runId);
  });

  it('every method of the contract has a base payload, and each base passes its schema', () => {
    expect(Object.keys(valid).sort()).toEqual([...API_METHODS].sort());
    for (const method of API_METHODS) expect(apiArgSchemas[method].safeParse(valid[method]).success, method).toBe(true);
  });

  it.each(API_METHODS.map((m) => [m]))('%s: invalid payloads get bad-request', async (method) => {
    const schema = apiArgSchemas[method];
    const before = t.fingerprint();
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(invalidPayloads(valid[method] as Record<string, unknown>), async (payload) => {
        fc.pre(payload !== null && payload !== undefined && !schema.safeParse(payload).success);
        const result = await dispatchSafely(dispatch, method, payload);
        if (result.ok) throw new Error(`accepted ${describePayload(payload)}`);
        if (result.error.code !== 'bad-request') throw new Error(`answered ${result.error.code} (${result.error.message.slice(0, 200)}) to ${describePayload(payload)}`);
        if (!result.error.message.startsWith(`invalid arguments for ${method}`)) throw new Error(`unexpected message ${result.error.message.slice(0, 200)}`);
        if (isStackTrace(result.error.message)) throw new Error(`stack trace in ${result.error.message.slice(0, 300)}`);
        refused += 1;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(refused).toBeGreaterThan(0);
    expect(t.fingerprint()).toEqual(before);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  /** Schema-valid payloads with hostile content: each answers a clean refusal (or, for read-only methods, a value). */
  const hostileRunId = fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'prototype', '../../etc/passwd', "' OR 1=1 --", 'r'.repeat(200), '\u0000', '%s%n', 'NaN', 'end'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
  );
  const hostileRecord = fc.tuple(extraKey, hostileValue).map(([key, value]) => withKey({}, key, value));
  const hostileContent = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 500 }),
    oversized,
    fc.constantFrom('['.repeat(50_000), '{"a":'.repeat(50_000), '\u0000\u0001\u0002', '\uFEFF', '\uD800', 'null\n', '[]\n', '{}\n'),
  );
  const READ_ONLY = new Set<ApiMethod>(['runs.validateConfig', 'llm.testEndpoint', 'datasets.preview', 'datasets.import']);

  const hostileCases: Array<[ApiMethod, fc.Arbitrary<unknown>]> = [
    ['runs.summary', hostileRunId.map((runId) => ({ runId }))],
    ['runs.stateAt', hostileRunId.map((runId) => ({ runId, at: 'end' }))],
    ['runs.events', hostileRunId.map((runId) => ({ runId }))],
    ['runs.export', hostileRunId.map((runId) => ({ runId }))],
    ['runs.compare', fc.array(hostileRunId, { minLength: 1, maxLength: 12 }).map((runIds) => ({ runIds }))],
    ['runs.rename', hostileRunId.map((runId) => ({ runId, name: 'not applied' }))],
    ['runs.archive', hostileRunId.map((runId) => ({ runId, archived: true }))],
    ['runs.pause', hostileRunId.map((runId) => ({ runId }))],
    ['runs.stop', hostileRunId.map((runId) => ({ runId }))],
    ['runs.start', fc.oneof(hostileRecord, hostileRecord.map((extra) => ({ method: 'remo', ...extra }))).map((config) => ({ config }))],
    ['runs.validateConfig', hostileRecord.map((config) => ({ config }))],
    ['llm.testEndpoint', hostileRecord.map((endpoint) => ({ endpoint }))],
    ['runs.fork', hostileRecord.map((overrides) => ({ runId: '', at: 'end', overrides }))],
    ['runs.resume', hostileRecord.map((overrides) => ({ runId: '', overrides }))],
    ['runs.import', hostileContent.map((content) => ({ content }))],
    ['datasets.preview', hostileContent.map((content) => ({ content }))],
    ['datasets.import', hostileContent.map((content) => ({ content, name: 'hostile', format: 'jsonl', mapping: { questionField: 'question', answerField: 'answer', gold: 'raw' } }))],
  ];

  it.each(hostileCases)('%s: schema-valid payloads with hostile content get a clean answer', async (method, arbitrary) => {
    const before = t.fingerprint();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (raw) => {
        // Fork and resume point at the seeded (finished) run: their overrides are what is hostile.
        const payload = raw !== null && typeof raw === 'object' && (raw as { runId?: string }).runId === '' ? { ...raw, runId: t.seededRunId } : raw;
        fc.pre(apiArgSchemas[method].safeParse(payload).success);
        const result = await dispatchSafely(dispatch, method, payload);
        if (result.ok) {
          if (!READ_ONLY.has(method)) throw new Error(`accepted ${describePayload(payload)}`);
          const value = result.value as { ok?: unknown };
          if (method === 'datasets.import' && value.ok !== false) throw new Error(`stored a dataset from ${describePayload(payload)}`);
          if (method === 'runs.validateConfig' && value.ok !== false) throw new Error(`validated ${describePayload(payload)}`);
          return;
        }
        if (!['bad-request', 'not-found', 'conflict'].includes(result.error.code)) {
          throw new Error(`answered ${result.error.code} (${result.error.message.slice(0, 200)}) to ${describePayload(payload)}`);
        }
        if (isStackTrace(result.error.message)) throw new Error(`stack trace in ${result.error.message.slice(0, 300)}`);
      }),
      { numRuns: Math.max(10, Math.floor(RUNS / 2)), seed: SEED },
    );
    expect(t.fingerprint()).toEqual(before);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  /** 100,000 levels: beyond any recursive walk (structured clone, key scans, schema checks). */
  const DEEP = 100_000;

  it('every method: a payload nested 100,000 deep gets bad-request through the in-process client (the CLI\'s path)', async () => {
    const before = t.fingerprint();
    const wrong: string[] = [];
    for (const method of API_METHODS) {
      const payload = withKey(valid[method] as Record<string, unknown>, 'deep', nested(DEEP, false));
      const result = await t.client.call(method, payload as never);
      if (result.ok || result.error.code !== 'bad-request') wrong.push(`${method} -> ${result.ok ? 'ok' : `${result.error.code}: ${result.error.message.slice(0, 120)}`}`);
    }
    expect(wrong).toEqual([]);
    expect(t.fingerprint()).toEqual(before);
  });

  it('record arguments (config, endpoint, overrides) nested 100,000 deep get bad-request from the dispatcher, not a stack overflow', async () => {
    const before = t.fingerprint();
    const deep = nested(DEEP, false);
    const payloads: Array<[ApiMethod, Record<string, unknown>]> = [
      ['runs.start', { config: { method: 'remo', notes: deep } }],
      ['runs.validateConfig', { config: { method: 'remo', notes: deep } }],
      ['llm.testEndpoint', { endpoint: { name: 'x', notes: deep } }],
      ['runs.fork', { runId: t.seededRunId, at: 'end', overrides: { notes: deep } }],
      ['runs.resume', { runId: t.seededRunId, overrides: { notes: deep } }],
    ];
    const wrong: string[] = [];
    for (const [method, payload] of payloads) {
      const result = await dispatchSafely(dispatch, method, payload);
      const refused = result.ok ? method === 'runs.validateConfig' && (result.value as { ok: boolean }).ok === false : ['bad-request', 'conflict'].includes(result.error.code);
      if (!refused) wrong.push(`${method} -> ${result.ok ? 'ok' : `${result.error.code}: ${result.error.message.slice(0, 120)}`}`);
    }
    expect(wrong).toEqual([]);
    expect(t.fingerprint()).toEqual(before);
  });

  it('an own __proto__ key in a config, an endpoint or overrides is refused, not silently dropped', async () => {
    const before = t.fingerprint();
    const runsBefore = t.core.runs.list().length;
    const proto = (value: Record<string, unknown>) => withKey(value, '__proto__', { polluted: true });
    const config = buildDemoConfig({ method: 'remo', size: 'tiny', seed: 0, simulatorUrl: t.simulatorUrl }) as Record<string, unknown>;
    const payloads: Array<[ApiMethod, Record<string, unknown>]> = [
      ['runs.fork', { runId: t.seededRunId, at: 'end', overrides: proto({}) }],
      ['runs.resume', { runId: t.seededRunId, overrides: proto({}) }],
      ['runs.validateConfig', { config: proto(config), checkData: false }],
      ['runs.start', { config: proto(config) }],
    ];
    const wrong: string[] = [];
    for (const [method, payload] of payloads) {
      const result = await dispatchSafely(dispatch, method, payload);
      const refused = result.ok ? method === 'runs.validateConfig' && (result.value as { ok: boolean }).ok === false : ['bad-request', 'conflict'].includes(result.error.code);
      if (!refused) wrong.push(`${method} -> ${result.ok ? `ok ${JSON.stringify(result.value).slice(0, 80)}` : `${result.error.code}: ${result.error.message.slice(0, 120)}`}`);
    }
    for (const run of t.core.runs.list()) if (run.status === 'running') await t.core.runs.waitForRun(run.runId);
    expect(wrong).toEqual([]);
    expect(t.core.runs.list().length).toBe(runsBefore);
    expect(t.fingerprint()).toEqual(before);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});
