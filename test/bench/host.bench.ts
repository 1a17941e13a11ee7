/**
 * `npm run bench:host`: does the web host stay responsive while the core works?
 *
 * A `remo web` process (the core in its worker thread) serves a database holding a synthetic run
 * of 50,000+ events. The benchmark, as three clients over HTTP:
 *   1. starts a REMO run at concurrency 32 through the API, against the simulator (its own process);
 *   2. scrubs the big run: runs.stateAt at random positions, one after another;
 *   3. calls app.info every 20 ms and records each answer's latency.
 * It measures (3) while idle (nothing else running) and during the run, for the worker-thread host
 * and, as the baseline, a host with the core on its own thread (test/bench/support/inThreadHost.ts).
 * Last line, exactly: `host: api p99 N ms, max N ms during a run (idle p99 N ms)` (worker host).
 * Target: during a run p99 <= 20 ms and max <= 100 ms. `--tiny`: a small run and short windows (CI).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { buildDemoConfig } from '../../electron/core/composition/demoConfig';
import { createSeededRandom } from '../../shared/random/seededRandom';
import { openStore } from '../integration/engine/engineTestKit';
import { BenchRecorder } from './support/benchResult';
import { buildSyntheticRun } from './support/buildSyntheticRun';

const recorder = new BenchRecorder('host');

const TINY = recorder.tiny;
const SIZE = TINY
  ? { events: 2_000, idleMs: 1_000, runMs: 2_500, epochs: 1 }
  : { events: 50_000, idleMs: 5_000, runMs: 20_000, epochs: 6 };
const PROBE_EVERY_MS = 20;
const log = (line: string) => process.stdout.write(`${line}\n`);

interface Served { child: ChildProcess; origin: string; token: string }

/** Starts a child process and waits for the line with the served URL (`remo web` prints it). */
function startServer(args: string[], pattern: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no URL from ${args.join(' ')} within 60 s:\n${text}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = pattern.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before serving:\n${text}`)));
  });
}

async function startHost(kind: 'worker' | 'in-thread', dbPath: string): Promise<Served> {
  const args = kind === 'worker'
    ? ['electron/cli/remo.mjs', 'web', '--db', dbPath, '--port', '0']
    : ['--import', 'tsx', 'test/bench/support/inThreadHost.ts', dbPath];
  const { child, match } = await startServer(args, /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([0-9a-f]+)/);
  return { child, origin: match[1]!, token: match[2]! };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function call(host: Served, method: string, args: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  const response = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Remo-Token': host.token },
    body: JSON.stringify(args),
  });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
}

/** Calls app.info every PROBE_EVERY_MS until `stopAt`; returns each answer's latency in ms. */
async function probe(host: Served, until: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  while (!until()) {
    const started = performance.now();
    const answer = await call(host, 'app.info', {});
    if (!answer.ok) throw new Error(`app.info failed: ${answer.error?.message}`);
    const ms = performance.now() - started;
    latencies.push(ms);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, PROBE_EVERY_MS - ms)));
  }
  return latencies;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
const describe = (values: number[]) =>
  `${values.length} calls, p50 ${fmt(quantile(values, 0.5))} ms, p95 ${fmt(quantile(values, 0.95))} ms, p99 ${fmt(quantile(values, 0.99))} ms, max ${fmt(Math.max(...values))} ms`;

interface Measured { idle: number[]; during: number[]; scrubs: number[]; runEvents: number }

async function measure(kind: 'worker' | 'in-thread', dbPath: string, bigRunId: string, bigEvents: number, simulatorUrl: string): Promise<Measured> {
  const host = await startHost(kind, dbPath);
  try {
    // Warm the big run once (its first fold and caches), as a user who already opened it.
    await call(host, 'runs.stateAt', { runId: bigRunId, at: 'end' });
    let idleDone = false;
    const idleTimer = setTimeout(() => (idleDone = true), SIZE.idleMs);
    const idle = await probe(host, () => idleDone);
    clearTimeout(idleTimer);

    const config = { ...buildDemoConfig({ method: 'remo', size: 'default', seed: 0, simulatorUrl }), name: `bench:host ${kind}`, epochs: SIZE.epochs };
    const started = await call(host, 'runs.start', { config });
    if (!started.ok) throw new Error(`runs.start failed: ${started.error?.message}`);
    const runId = (started.value as { runId: string }).runId;
    const endAt = performance.now() + SIZE.runMs;
    let runEnded = false;
    const isOver = () => runEnded || performance.now() >= endAt;
    const watcher = (async () => {
      while (!isOver()) {
        const summary = await call(host, 'runs.summary', { runId });
        if (summary.ok && (summary.value as { status: string }).status !== 'running') runEnded = true;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    const random = createSeededRandom(7);
    const scrubs: number[] = [];
    const scrubber = (async () => {
      while (!isOver()) {
        const position = 1 + Math.floor(random.next() * bigEvents);
        const t = performance.now();
        const state = await call(host, 'runs.stateAt', { runId: bigRunId, at: { position } });
        if (!state.ok) throw new Error(`runs.stateAt failed: ${state.error?.message}`);
        scrubs.push(performance.now() - t);
      }
    })();
    const during = await probe(host, isOver);
    await Promise.all([watcher, scrubber]);
    const summary = await call(host, 'runs.summary', { runId });
    const runEvents = summary.ok ? ((summary.value as { eventCount?: number }).eventCount ?? 0) : 0;
    await call(host, 'runs.pause', { runId });
    return { idle, during, scrubs, runEvents };
  } finally {
    await stop(host.child);
  }
}

log(`bench:host${TINY ? ' --tiny' : ''} ${new Date().toISOString()}: ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const dir = mkdtempSync(path.join(tmpdir(), 'remo-host-bench-'));
const simulator = await startServer(['electron/cli/remo.mjs', 'sim', '--port', '0', '--latency-ms', '20'], /(http:\/\/127\.0\.0\.1:\d+\/v1)/);
const simulatorUrl = simulator.match[1]!;
try {
  const results: Record<string, Measured> = {};
  for (const kind of ['in-thread', 'worker'] as const) {
    // A fresh database per host, so neither measures the other's leftovers.
    const dbPath = path.join(dir, `${kind}.db`);
    const store = openStore(dbPath);
    const built = buildSyntheticRun(store, { runId: 'big', name: 'bench: synthetic REMO run', minEvents: SIZE.events });
    store.close();
    log(`${kind}: built a ${built.events}-event run in ${(built.buildMs / 1000).toFixed(1)} s`);
    const measured = await measure(kind, dbPath, 'big', built.events, simulatorUrl);
    results[kind] = measured;
    log(`${kind} host, idle:       app.info ${describe(measured.idle)}`);
    log(`${kind} host, during run: app.info ${describe(measured.during)}`);
    log(`${kind} host, during run: runs.stateAt on the big run ${describe(measured.scrubs)}`);
  }
  const worker = results.worker!;
  const base = results['in-thread']!;
  log(`ratio during a run (in-thread / worker): p99 ${(quantile(base.during, 0.99) / quantile(worker.during, 0.99)).toFixed(1)}x, max ${(Math.max(...base.during) / Math.max(...worker.during)).toFixed(1)}x`);
  log(`target: during a run p99 <= 20 ms (${quantile(worker.during, 0.99) <= 20 ? 'PASS' : 'MISS'}), max <= 100 ms (${Math.max(...worker.during) <= 100 ? 'PASS' : 'MISS'})`);
  recorder.figure({ name: 'host: app.info p99 during a run (worker-thread host)', value: quantile(worker.during, 0.99), unit: 'ms', target: { op: '<=', value: 20 }, detail: `idle p99 ${fmt(quantile(worker.idle, 0.99))} ms; in-thread host ${fmt(quantile(base.during, 0.99))} ms` });
  recorder.figure({ name: 'host: app.info max during a run (worker-thread host)', value: Math.max(...worker.during), unit: 'ms', target: { op: '<=', value: 100 }, detail: `in-thread host ${fmt(Math.max(...base.during))} ms` });
  recorder.figure({ name: 'host: runs.stateAt on the big run during a run, p95', value: quantile(worker.scrubs, 0.95), unit: 'ms', detail: `${worker.scrubs.length} calls` });
  recorder.finish(`host: api p99 ${fmt(quantile(worker.during, 0.99))} ms, max ${fmt(Math.max(...worker.during))} ms during a run (idle p99 ${fmt(quantile(worker.idle, 0.99))} ms)`);
} finally {
  await stop(simulator.child);
  rmSync(dir, { recursive: true, force: true });
}
