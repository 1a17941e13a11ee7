/**
 * LLM gateway benchmark: `npm run bench:llm [-- --calls N --throughput-calls N --sim-worker]`.
 * The whole stack is real: gateway -> openai SDK -> fetch (HTTP/1.1 keep-alive on 127.0.0.1) ->
 * node:http simulator. Cache off. Prints figures with their targets and PASS/MISS.
 *  1. latency-bound: simulator latency 200 ms, concurrency 16, 2,000 calls.
 *     Bound = calls x 0.2 s / 16 = 25 s; target: wall time within 10% of it.
 *  2. throughput: zero latency, calls/s through the stack. Target >= 1,000 calls/s.
 * By default the simulator runs in a worker thread, so the gateway and the server each get one of
 * the machine's cores, as they would with a real model server (--sim-inline runs both on one).
 * The throughput figure is the median of --throughput-runs runs (best printed too), and the load
 * average is printed before and after: on a shared 2-core machine other processes move it a lot.
 * `--tiny`: 200 calls at 50 ms and 500 throughput calls, a few seconds.
 * Last line: `llm: latency-bound +N% over the bound, throughput N calls/s`.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { BenchRecorder } from './support/benchResult';
import { defaultRoleBindings } from '../integration/llm/defaultRoleBindings';
import { createLlmGateway } from '../../electron/core/llm/gateway/openAiGateway';
import { startSimulator } from '../../electron/core/llm/simulator/startSimulator';
import type { SimulatorOptions, SimulatorStats } from '../../electron/core/llm/simulator/simulatorOptions';

const recorder = new BenchRecorder('llm');
const { values: args } = parseArgs({
  options: {
    tiny: { type: 'boolean', default: false },
    calls: { type: 'string', default: recorder.tiny ? '200' : '2000' },
    concurrency: { type: 'string', default: '16' },
    'latency-ms': { type: 'string', default: recorder.tiny ? '50' : '200' },
    'throughput-calls': { type: 'string', default: recorder.tiny ? '500' : '5000' },
    'throughput-runs': { type: 'string', default: recorder.tiny ? '1' : '3' },
    'throughput-concurrency': { type: 'string', default: '64' },
    'sim-inline': { type: 'boolean', default: false },
  },
});

interface SimHandle {
  url: string;
  stats(): Promise<SimulatorStats>;
  stop(): Promise<void>;
}

/** Starts the simulator inline or in a worker thread (tsx's loader is inherited by the worker). */
async function launchSimulator(options: SimulatorOptions): Promise<SimHandle> {
  if (args['sim-inline']) {
    const sim = await startSimulator(options);
    return { url: sim.url, stats: async () => sim.stats(), stop: () => sim.stop() };
  }
  const worker = new Worker(new URL('./llmSimWorker.ts', import.meta.url), { workerData: options });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('message', (message: { url: string }) => resolve(message.url));
    worker.once('error', reject);
  });
  const base = url.replace(/\/v1$/, '');
  return {
    url,
    stats: async () => (await (await fetch(`${base}/stats`)).json()) as SimulatorStats,
    stop: async () => {
      await worker.terminate();
    },
  };
}

const QUESTION = 'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?';
const SYSTEM = "You will answer a mathemetical reasoning question. Think step by step. The last line of your response should be of the following format: 'Answer: $VALUE' where VALUE is a numerical value.";

async function runCalls(url: string, calls: number, concurrency: number): Promise<{ seconds: number; attemptsOver1: number }> {
  const gateway = createLlmGateway({
    endpoints: [{ name: 'sim', kind: 'simulator', baseURL: url, model: 'remo-simulator', maxConcurrency: concurrency, timeoutMs: 30_000 }],
    roles: defaultRoleBindings('sim'),
    cache: false,
  });
  // Warm-up: opens the keep-alive connections and JIT-compiles the hot path.
  await Promise.all(Array.from({ length: concurrency }, (_, i) => gateway.chat({ role: 'solver', messages: [{ role: 'user', content: `warm-up ${i}` }] })));
  let attemptsOver1 = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: calls }, async (_, i) => {
      const result = await gateway.chat({
        role: 'solver',
        messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: `<QUESTION>\n${QUESTION}\n</QUESTION>\n(${i})` }],
      });
      if (result.record.attempts > 1) attemptsOver1 += 1;
    }),
  );
  return { seconds: (performance.now() - started) / 1000, attemptsOver1 };
}

function verdict(pass: boolean): string {
  return pass ? 'PASS' : 'MISS';
}

const calls = Number(args.calls);
const concurrency = Number(args.concurrency);
const latencyMs = Number(args['latency-ms']);
const throughputCalls = Number(args['throughput-calls']);
const throughputConcurrency = Number(args['throughput-concurrency']);

console.log(
  `LLM gateway benchmark: Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), ` +
    `simulator ${args['sim-inline'] ? 'inline' : 'in a worker thread'}, load average (1 min) at start: ${loadavg()[0]!.toFixed(2)}`,
);

let overheadPct = NaN;
let throughput = NaN;
{
  const sim = await launchSimulator({ latencyMs });
  const { seconds } = await runCalls(sim.url, calls, concurrency);
  const stats = await sim.stats();
  await sim.stop();
  const bound = (calls * latencyMs) / 1000 / concurrency;
  const overhead = (seconds / bound - 1) * 100;
  overheadPct = overhead;
  recorder.figure({ name: `llm: ${calls} calls at ${latencyMs} ms, concurrency ${concurrency}: wall time over the bound ${bound.toFixed(1)} s`, value: overhead, unit: '%', target: { op: '<=', value: 10 }, detail: `${seconds.toFixed(2)} s` });
  console.log(
    `1. latency-bound: ${calls} calls, latency ${latencyMs} ms, concurrency ${concurrency}: ${seconds.toFixed(2)} s ` +
      `(bound ${bound.toFixed(2)} s, +${overhead.toFixed(1)}%; server saw max ${stats.maxInFlight} in flight) ` +
      `target within 10% -> ${verdict(seconds <= bound * 1.1)}`,
  );
}

{
  const sim = await launchSimulator({ latencyMs: 0 });
  const rates: number[] = [];
  for (let run = 0; run < Number(args['throughput-runs']); run += 1) {
    const { seconds } = await runCalls(sim.url, throughputCalls, throughputConcurrency);
    rates.push(throughputCalls / seconds);
  }
  await sim.stop();
  const sorted = [...rates].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  throughput = median;
  recorder.figure({ name: `llm: throughput, zero latency, concurrency ${throughputConcurrency}, median of ${rates.length}`, value: median, unit: 'calls/s', target: { op: '>=', value: 1000 } });
  console.log(
    `2. throughput: ${throughputCalls} calls x ${rates.length} runs, zero latency, concurrency ${throughputConcurrency}, cache off: ` +
      `median ${Math.round(median)} calls/s (runs: ${rates.map(Math.round).join(', ')}; best ${Math.round(sorted.at(-1)!)}), ` +
      `target >= 1000 calls/s -> ${verdict(median >= 1000)}`,
  );
}
console.log(`load average (1 min) at the end: ${loadavg()[0]!.toFixed(2)}`);
recorder.finish(`llm: latency-bound +${overheadPct.toFixed(1)}% over the bound, throughput ${Math.round(throughput)} calls/s`);
