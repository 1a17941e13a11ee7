// The fault soak (`npm run test:soak`; `--tiny` shrinks only the split, for CI).
//
// The whole textgrad-dspy recipe (resources/configs/textgrad-dspy.json, its endpoint pointed at the
// simulator) runs in this process through the core API, against the simulator as its own process
// serving a fault on 20% of chat requests, drawn from every kind (`hang` held --hang-ms, the
// endpoint's timeoutMs a bit above it). It must complete; every failed attempt must be visible in
// the log; no promise rejection may go unhandled. Peak RSS / heap are sampled every 200 ms.
//
// Failed attempts in the log = sum over call records of (attempts - 1) (a call that succeeded after
// retries) + the attempts of each call that failed for good (PhaseFailed: "after N attempts", else 1).
// They are compared with the faults the simulator served that make an attempt fail: rate-limit,
// server-error, unavailable, hang, malformed-json, empty-choices. The other kinds answer 200 and
// show differently: `length` as finishReason "length", `no-tags` as a rejected optimizer reply,
// `think` as a stripped <think> block (not visible, by design).
//
// Last line: `soak: completed, F faults served, A failed attempts logged, U unhandled rejections, rss start N MB peak N MB`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRESET_DEFAULTS } from '../../shared/config/presetDefaults';
import { createCore } from '../../electron/core/composition/createCore';
import { FAULT_KINDS } from '../../electron/core/llm/simulator/faults';
import type { LoggedCall } from '../../shared/events/run/callRecord';
import { ROOT, mb, startSimProcess, table, tempDir } from './crashHarness';

const TINY = process.argv.includes('--tiny');
const HANG_MS = 1500;
const TIMEOUT_MS = 2500;
const FAULT_RATE = 0.2;
// Faults that always fail the attempt. A `hang` holds the request HANG_MS and then answers normally,
// so with timeoutMs above HANG_MS it is a slow reply, and a failed attempt only when the timeout still
// fires first (a loaded machine): each hang may or may not be a failed attempt.
const FAILING_FAULTS = ['rate-limit', 'server-error', 'unavailable', 'malformed-json', 'empty-choices'];
const TRANSPORT_FAULTS = [...FAILING_FAULTS, 'hang'];

let unhandled = 0;
const unhandledMessages: string[] = [];
process.on('unhandledRejection', (reason) => {
  unhandled += 1;
  unhandledMessages.push(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason));
});

const memory = () => process.memoryUsage();
const start = memory();
let peakRss = start.rss;
let peakHeap = start.heapUsed;
const sampler = setInterval(() => {
  const now = memory();
  peakRss = Math.max(peakRss, now.rss);
  peakHeap = Math.max(peakHeap, now.heapUsed);
}, 200);

const recipe = JSON.parse(readFileSync(join(ROOT, 'resources/configs/textgrad-dspy.json'), 'utf8')) as Record<string, unknown> & { endpoints: Array<Record<string, unknown>> };
const sim = await startSimProcess(['--latency-ms', '5', '--seed', '0', '--fault-rate', String(FAULT_RATE), '--fault-kinds', FAULT_KINDS.join(','), '--hang-ms', String(HANG_MS)]);
const work = tempDir('remo-soak-');
const core = await createCore({ dbPath: join(work.dir, 'soak.db') });
const config = {
  ...recipe,
  // --tiny: the same schedule (the preset's, spelled out) on a split of 12/12/12 instead of the preset's.
  ...(TINY ? { preset: undefined, ...PRESET_DEFAULTS['textgrad-dspy'], split: { train: 12, val: 12, test: 12 } } : {}),
  endpoints: recipe.endpoints.map((endpoint) => ({ ...endpoint, kind: 'simulator', baseURL: sim.url, model: 'remo-simulator', timeoutMs: TIMEOUT_MS })),
};
process.stdout.write(
  `fault soak: ${String(recipe.name)}${TINY ? ' (--tiny: split 12/12/12, schedule unchanged)' : ''}; simulator fault rate ${FAULT_RATE} of ${FAULT_KINDS.join(', ')}; ` +
    `hang ${HANG_MS} ms, timeout ${TIMEOUT_MS} ms; rss ${mb(start.rss)} MB heap ${mb(start.heapUsed)} MB at start\n`,
);

const started = performance.now();
let status = 'not started';
let statusReason = '';
let exitCode = 0;
let runId = '';
try {
  ({ runId } = await core.runs.start(config));
  let lastLine = performance.now();
  core.runs.onProgress((p) => {
    if (performance.now() - lastLine > 10_000) {
      lastLine = performance.now();
      process.stdout.write(`  ${((performance.now() - started) / 1000).toFixed(0)} s ${p.phase}\n`);
    }
  });
  const summary = await core.runs.waitForRun(runId);
  status = summary.status;
  statusReason = summary.statusReason ?? '';
} catch (error) {
  status = 'crashed';
  statusReason = error instanceof Error ? error.message : String(error);
}
const wallSeconds = (performance.now() - started) / 1000;

// Give any stray promise a moment to reject before counting.
await new Promise((r) => setTimeout(r, 300));

const served = (await sim.stats()).faults;
let retriedAttempts = 0;
let failedForGood = 0;
let lengthReplies = 0;
let calls = 0;
const eventTypes: Record<string, number> = {};
for (const event of runId ? core.store.readStream(runId) : []) {
  eventTypes[event.type] = (eventTypes[event.type] ?? 0) + 1;
  const data = event.data as { calls?: LoggedCall[]; message?: string };
  for (const call of data.calls ?? []) {
    calls += 1;
    if (call.attempts > 1) retriedAttempts += call.attempts - 1;
    if (call.finishReason === 'length') lengthReplies += 1;
  }
  if (event.type === 'PhaseFailed') failedForGood += Number(/after (\d+) attempts/.exec(data.message ?? '')?.[1] ?? 1);
}
const attemptsLogged = retriedAttempts + failedForGood;
const transportServed = TRANSPORT_FAULTS.reduce((sum, kind) => sum + (served[kind] ?? 0), 0);
const failingServed = FAILING_FAULTS.reduce((sum, kind) => sum + (served[kind] ?? 0), 0);
const totalServed = Object.values(served).reduce((a, b) => a + b, 0);

await core.close();
await sim.stop();
clearInterval(sampler);
const end = memory();
peakRss = Math.max(peakRss, end.rss, process.resourceUsage().maxRSS * 1024);
peakHeap = Math.max(peakHeap, end.heapUsed);
work.cleanup();

process.stdout.write(`\n${table(['fault kind', 'served', 'in the log'], [
  ...FAULT_KINDS.map((kind) => [kind, served[kind] ?? 0, FAILING_FAULTS.includes(kind) ? 'failed attempt' : kind === 'hang' ? `slow reply, or a failed attempt if the ${TIMEOUT_MS} ms timeout fires` : kind === 'length' ? 'finishReason length' : kind === 'no-tags' ? 'rejected optimizer reply' : '(stripped)']),
  ['failing + hang', `${failingServed} + ${served.hang ?? 0}`, `${attemptsLogged} failed attempts (${retriedAttempts} retried, ${failedForGood} in PhaseFailed)`],
  ['length', served.length ?? 0, `${lengthReplies} calls with finishReason length`],
])}\n`);
process.stdout.write(`run ${runId}: ${status}${statusReason ? ` (${statusReason})` : ''} in ${wallSeconds.toFixed(1)} s, ${calls} call records; events ${JSON.stringify(eventTypes)}\n`);
process.stdout.write(`memory: rss start ${mb(start.rss)} MB, peak ${mb(peakRss)} MB, end ${mb(end.rss)} MB; heap start ${mb(start.heapUsed)} MB, peak ${mb(peakHeap)} MB, end ${mb(end.heapUsed)} MB\n`);
for (const message of unhandledMessages.slice(0, 5)) process.stdout.write(`UNHANDLED REJECTION: ${message.split('\n').slice(0, 4).join(' | ')}\n`);
if (status !== 'completed') exitCode = 1;
if (attemptsLogged < failingServed || attemptsLogged > transportServed) {
  process.stdout.write(`PROBLEM: ${failingServed} failing faults (+ ${served.hang ?? 0} hangs) served but ${attemptsLogged} failed attempts in the log\n`);
  exitCode = 1;
}
if (unhandled > 0) exitCode = 1;
process.stdout.write(
  `soak: ${status}, ${totalServed} faults served, ${attemptsLogged} failed attempts logged, ${unhandled} unhandled rejections, rss start ${mb(start.rss)} MB peak ${mb(peakRss)} MB\n`,
);
process.exit(exitCode);
