// Shared pieces of the crash matrix and the fault soak: the simulator as its own process, the
// `remo` CLI as child processes, read-only looks at a database, seeded randomness.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

export const ROOT = resolve(import.meta.dirname, '../..');
export const REMO_BIN = join(ROOT, 'electron', 'cli', 'remo.mjs');
export const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Spawned {
  child: ChildProcess;
  startedAt: number;
  done: Promise<CliResult>;
  exited: boolean;
}

/** `remo ARGS` as a child process (this Node, so the project's Node 22 under `npm run`). */
export function spawnRemo(args: string[]): Spawned {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [REMO_BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const spawned: Spawned = {
    child,
    startedAt,
    exited: false,
    done: new Promise<CliResult>((resolvePromise) => {
      child.on('close', (code, signal) => {
        spawned.exited = true;
        resolvePromise({ code, signal, stdout, stderr, ms: Date.now() - startedAt });
      });
    }),
  };
  return spawned;
}

export const runRemo = (args: string[]): Promise<CliResult> => spawnRemo(args).done;

/** The last non-empty stdout line parsed as JSON, or undefined. */
export function lastJsonLine(stdout: string): Record<string, unknown> | undefined {
  const last = stdout.split('\n').filter((line) => line.trim() !== '').at(-1);
  if (last === undefined) return undefined;
  try {
    return JSON.parse(last) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export interface SimProcess {
  url: string;
  origin: string;
  child: ChildProcess;
  stats(): Promise<SimStats>;
  resetStats(): Promise<void>;
  stop(): Promise<void>;
}

export interface SimStats {
  requests: number;
  byRole: Record<string, number>;
  byPath: Record<string, number>;
  faults: Record<string, number>;
  inFlight: number;
  maxInFlight: number;
}

/** `remo sim --port 0 ARGS` as its own process; resolves once it prints its URL. */
export async function startSimProcess(args: string[]): Promise<SimProcess> {
  const child = spawn(process.execPath, [REMO_BIN, 'sim', '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator did not start within 60 s: ${out}${err}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening at (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}): ${out}${err}`)));
  });
  const origin = url.replace(/\/v1$/, '');
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url,
    origin,
    child,
    stats: async () => (await (await fetch(`${origin}/stats`)).json()) as SimStats,
    resetStats: async () => void (await fetch(`${origin}/stats/reset`, { method: 'POST' })).arrayBuffer(),
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** mulberry32: a small seeded generator, so every kill moment is replayable from the printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeJson(path: string, value: unknown): string {
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}

/** Runs `fn` on a read-only connection; undefined when the file is missing or not (yet) a store. */
export function readDb<T>(path: string, fn: (db: BetterSqlite3.Database) => T): T | undefined {
  if (!existsSync(path)) return undefined;
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 100'); // a poll never stalls the proxy that shares this process
    return fn(db);
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}

export function eventCount(path: string): number | undefined {
  return readDb(path, (db) => (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n);
}

export interface LoggedEvent {
  type: string;
  data: unknown;
}

export function streamEvents(path: string, streamId: string): LoggedEvent[] {
  return (
    readDb(path, (db) =>
      (db.prepare('SELECT type, data FROM events WHERE stream_id = ? ORDER BY stream_position').all(streamId) as Array<{ type: string; data: string }>).map(
        (row) => ({ type: row.type, data: JSON.parse(row.data) as unknown }),
      ),
    ) ?? []
  );
}

/** Run ids in creation order (streams whose first event is RunStarted, or RunForked for a fork). */
export function runIds(path: string): string[] {
  return readDb(path, (db) => (db.prepare("SELECT stream_id FROM events WHERE stream_position = 1 AND type IN ('RunStarted', 'RunForked') ORDER BY global_position").all() as Array<{ stream_id: string }>).map((r) => r.stream_id)) ?? [];
}

export function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export const mb = (bytes: number) => Math.round(bytes / 1048576);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A plain text table (no colours), columns padded to the widest cell. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
