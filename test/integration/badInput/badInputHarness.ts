import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { apiDepsFromCore, createApiService, type ApiService } from '../../../electron/core/api';
import { createCore, type Core } from '../../../electron/core/composition/createCore';
import { buildDemoConfig } from '../../../electron/core/composition/demoConfig';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import { checksumProjectionTables } from '../../../electron/core/projections/checksumProjectionTables';
import type { ApiResult } from '../../../shared/api/result';
import { createApiClient, type ApiClient } from '../../../shared/api/transport';

/** The corpus: test/fixtures/bad/<category>/ with a manifest.json per category (see its README). */
export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../fixtures/bad');

export function corpusPath(category: string, file: string): string {
  return path.join(CORPUS_DIR, category, file);
}

/** Reads `test/fixtures/bad/<category>/manifest.json`: `{ cases: [...] }`. */
export function loadManifest<T extends { id: string }>(category: string): T[] {
  const manifest = JSON.parse(readFileSync(corpusPath(category, 'manifest.json'), 'utf8')) as { cases: T[] };
  const ids = manifest.cases.map((c) => c.id);
  if (new Set(ids).size !== ids.length) throw new Error(`${category}/manifest.json repeats a case id`);
  return manifest.cases;
}

/** What must not change when bad input is refused: the log's head and every table's rows. */
export interface StateFingerprint {
  events: number;
  /** The projection checksum `store.rebuild` reports, computed read-only (no truncate, no replay). */
  projections: string;
  /** sha256 over every ordinary table's rows (events, projections, datasets, run control, cache...). */
  tables: string;
}

/**
 * A real core on a temp SQLite file with the simulator as its endpoint and one finished 2-epoch
 * REMO run, as in test/contract/testCore.ts, but keeping the core so the tests can fingerprint its
 * database read-only before and after every bad input.
 */
export interface BadInputCore {
  core: Core;
  api: ApiService;
  client: ApiClient;
  seededRunId: string;
  simulatorUrl: string;
  dir: string;
  fingerprint(): StateFingerprint;
  close(): Promise<void>;
}

export async function createBadInputCore(): Promise<BadInputCore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'remo-badinput-'));
  const simulator = await startSimulator({ seed: 0, latencyMs: 0 });
  const core = await createCore({ dbPath: path.join(dir, 'badinput.db') });
  const demo = buildDemoConfig({ method: 'remo', size: 'tiny', seed: 0, simulatorUrl: simulator.url });
  const config = { ...demo, name: 'seeded', epochs: 2 };
  const { runId } = await core.runs.start(config);
  const seeded = await core.runs.waitForRun(runId);
  if (seeded.status !== 'completed') throw new Error(`seed run ended ${seeded.status}: ${seeded.statusReason ?? ''}`);
  const api = createApiService(apiDepsFromCore(core, { version: '0.1.0', defaultRunConfig: { endpoints: demo.endpoints } }));
  return {
    core,
    api,
    client: createApiClient(api.inProcess()),
    seededRunId: runId,
    simulatorUrl: simulator.url,
    dir,
    fingerprint: () => fingerprintOf(core),
    async close() {
      for (const run of core.runs.list()) if (run.status === 'running') await core.runs.waitForRun(run.runId);
      await core.close();
      await simulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function encodeCell(value: unknown): string {
  if (value === null || value === undefined) return 'N';
  if (Buffer.isBuffer(value)) return `b${value.toString('hex')}`;
  return `${typeof value}:${String(value)}`;
}

/** Read-only: SELECTs only, on the core's own connection (so uncommitted state cannot hide). */
export function fingerprintOf(core: Core): StateFingerprint {
  const db = core.store.db;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
    .all() as { name: string }[];
  const hash = createHash('sha256');
  for (const { name } of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as { name: string }[]).length;
    const orderBy = Array.from({ length: columns }, (_, i) => String(i + 1)).join(', ');
    hash.update(`table ${name}\n`);
    for (const row of db.prepare(`SELECT * FROM ${quoted} ORDER BY ${orderBy}`).raw().iterate() as Iterable<unknown[]>) {
      hash.update(row.map(encodeCell).join('\t') + '\n');
    }
  }
  return {
    events: core.store.lastGlobalPosition(),
    projections: checksumProjectionTables(db, core.store.projections),
    tables: hash.digest('hex'),
  };
}

/** C0 control characters other than tab and line feed, and DEL: never in a message shown to a user. */
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;
/** A JavaScript stack frame ("    at fn (file.ts:1:2)") or a bare "file.ts:12:3" position. */
const STACK_FRAME = /^\s+at\s|\n\s+at\s|\.(?:ts|js|mjs|cjs):\d+:\d+/;

/** The most a single error message may be: one readable paragraph, not a dump of the input. */
export const MAX_MESSAGE_CHARS = 2000;

/** Asserts a message a user will read: matches `pattern`, no stack trace, no raw control bytes, bounded. */
export function expectClearMessage(message: string, pattern: RegExp | string, what = 'message'): void {
  const regex = typeof pattern === 'string' ? new RegExp(pattern, 'i') : pattern;
  expect(message, `${what} should match ${String(regex)}`).toMatch(regex);
  expect(STACK_FRAME.test(message), `${what} holds a stack trace: ${message.slice(0, 400)}`).toBe(false);
  expect(RAW_CONTROL.test(message), `${what} holds raw control bytes: ${JSON.stringify(message.slice(0, 400))}`).toBe(false);
  expect(message.length, `${what} is ${message.length} characters long`).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
}

/** True for the raw control bytes expectClearMessage refuses (for property tests that only count). */
export function hasRawControl(message: string): boolean {
  return RAW_CONTROL.test(message);
}

export function isStackTrace(message: string): boolean {
  return STACK_FRAME.test(message);
}

/** The failure of an envelope, or a test failure naming the unexpected success. */
export function expectFailure(result: ApiResult<unknown>, codes: readonly string[]): { code: string; message: string; details?: string[] } {
  if (result.ok) throw new Error(`expected a ${codes.join('/')} failure, got a success: ${JSON.stringify(result.value).slice(0, 400)}`);
  expect(codes, `error code (message: ${result.error.message.slice(0, 300)})`).toContain(result.error.code);
  return result.error;
}

/** A regex from a manifest's `expect` (case-insensitive). */
export function patternOf(source: string): RegExp {
  return new RegExp(source, 'i');
}

/** sha256 of a file's bytes. */
export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
