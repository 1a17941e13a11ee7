/**
 * `npm run bench:engine`: engine wall time against its critical-path lower bounds, at concurrency 1,
 * 8 and 32. The run follows the textgrad-dspy recipe (TextGrad, critique of every item, batch 3,
 * 3 epochs x 4 steps, validation gate) on a reduced split (train 60, val 50, test 100) so that
 * concurrency 1 finishes in minutes; `--full-recipe` uses the recipe's own split (val 300, test
 * 1,319: ~75 s at concurrency 32, far too long at 1). Against the simulator at 300 ms per call,
 * cache off. The bounds are computed from the calls the run actually made (criticalPath.ts): the
 * dependency graph's (decision phases in sequence; the measurements, seed test and prompt-only
 * test, counted only where they do not fit in the idle slots of the phases they overlap) and
 * today's (every phase in sequence, as the engine ran before measurements moved to the
 * background). Target: wall time / graph bound <= 1.05 at each concurrency. Numbers come from the
 * SIMULATOR, not a model.
 *
 * Options: `--concurrency 1,8,32`, `--latency-ms 300`, `--full-recipe`, `--tiny` (split 6/6/8, one
 * epoch of 2 steps, 20 ms per call, concurrency 1 and 8: seconds). Env BENCH_LATENCY_MS and
 * BENCH_CONCURRENCY are still read. Last line: `engine: ratio R at concurrency C, ... (target <= 1.05)`
 * with R = wall / graph bound; the line before it gives wall / today's bound.
 * The report (`npm run bench`, test/bench/report.ts) writes docs/benchmarks.md; this script does not.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore } from '../../electron/core/composition/createCore';
import { startSimulator } from '../../electron/core/llm/simulator/startSimulator';
import type { LoggedCall } from '../../shared/events/run/callRecord';
import { criticalPath } from './criticalPath';
import { argValue, BenchRecorder, machineLine } from './support/benchResult';

const recorder = new BenchRecorder('engine');
const ROOT = resolve(import.meta.dirname, '../..');
const LATENCY_MS = Number(argValue('latency-ms') ?? process.env.BENCH_LATENCY_MS ?? (recorder.tiny ? 20 : 300));
const CONCURRENCIES = (argValue('concurrency') ?? process.env.BENCH_CONCURRENCY ?? (recorder.tiny ? '1,8' : '1,8,32')).split(',').map(Number);
const FULL_RECIPE = process.argv.includes('--full-recipe');
const TARGET_RATIO = 1.05;
const SIZE = recorder.tiny
  ? { preset: null, split: { train: 6, val: 6, test: 8 }, epochs: 1, stepsPerEpoch: 2, batchSize: 3, validationGate: true }
  : FULL_RECIPE ? {} : { preset: null, split: { train: 60, val: 50, test: 100 }, epochs: 3, stepsPerEpoch: 4, batchSize: 3, validationGate: true };

async function main(): Promise<void> {
  console.log(`engine bench${recorder.tiny ? ' --tiny' : ''}: ${machineLine()}`);
  const rows: (string | number)[][] = [];
  const ratios: string[] = [];
  const todayRatios: string[] = [];
  for (const concurrency of CONCURRENCIES) {
    const r = await runOnce(concurrency);
    rows.push([
      concurrency, (r.wallMs / 1000).toFixed(1), (r.graphBoundMs / 1000).toFixed(1), r.graphRounds, (r.boundMs / 1000).toFixed(1), r.rounds, r.calls,
      r.ratio.toFixed(3), r.todayRatio.toFixed(3), r.ratio <= TARGET_RATIO ? 'PASS' : 'MISS',
    ]);
    recorder.figure({ name: `engine: wall time / critical-path bound at concurrency ${concurrency}`, value: r.ratio, unit: 'x', target: { op: '<=', value: TARGET_RATIO },
      detail: `${(r.wallMs / 1000).toFixed(1)} s vs ${(r.graphBoundMs / 1000).toFixed(1)} s (dependency graph: measurements in idle slots)` });
    recorder.figure({ name: `engine: wall time / sequential-phases bound at concurrency ${concurrency}`, value: r.todayRatio, unit: 'x',
      detail: `${(r.wallMs / 1000).toFixed(1)} s vs ${(r.boundMs / 1000).toFixed(1)} s (every phase in sequence, measurements included)` });
    ratios.push(`${r.ratio.toFixed(3)} at concurrency ${concurrency}`);
    todayRatios.push(`${r.todayRatio.toFixed(3)} at concurrency ${concurrency}`);
  }
  const split = (SIZE as { split?: { train: number; val: number; test: number } }).split;
  recorder.table({
    title: `Engine: textgrad-dspy recipe${split ? ` on split ${split.train}/${split.val}/${split.test}` : ''} vs the simulator at ${LATENCY_MS} ms per call, cache off`,
    header: ['concurrency', 'wall s', 'graph bound s', 'graph rounds', 'sequential bound s', 'sequential rounds', 'calls', 'ratio (graph)', 'ratio (sequential)', `target <= ${TARGET_RATIO}`],
    rows,
    note: 'sequential bound = sum over the run\'s phases (one engine append each) of the rounds of dependent calls at that concurrency x the latency, from the calls the run\'s events record; '
      + 'graph bound = the same without the measurement phases (seed test, prompt-only test), plus the rounds of theirs that do not fit in the idle slots of the phases they ran beside (test/bench/criticalPath.ts).',
  });
  console.log(`engine vs today's sequential-phases bound: ratio ${todayRatios.join(', ')}`);
  recorder.finish(`engine: ratio ${ratios.join(', ')} (target <= ${TARGET_RATIO})`);
}

interface EngineRun {
  wallMs: number;
  /** Today's bound: every phase in sequence. */
  boundMs: number;
  rounds: number;
  /** The dependency graph's bound: measurements in idle capacity. */
  graphBoundMs: number;
  graphRounds: number;
  calls: number;
  /** wall / graph bound. */
  ratio: number;
  /** wall / today's bound. */
  todayRatio: number;
}

async function runOnce(CONCURRENCY: number): Promise<EngineRun> {
  const recipe = JSON.parse(readFileSync(join(ROOT, 'resources/configs/textgrad-dspy.json'), 'utf8')) as Record<string, unknown>;
  const simulator = await startSimulator({ seed: 0, latencyMs: LATENCY_MS });
  const dir = mkdtempSync(join(tmpdir(), 'remo-bench-engine-'));
  const core = await createCore({ dbPath: join(dir, 'bench.db') });
  try {
    const config = {
      ...recipe,
      ...SIZE,
      cache: false,
      parallelism: CONCURRENCY,
      endpoints: [{ name: 'sim', kind: 'simulator', baseURL: simulator.url, model: 'remo-simulator', concurrency: CONCURRENCY, timeoutMs: 60_000 }],
    };
    console.log(`\ntextgrad-dspy recipe${FULL_RECIPE ? '' : ' (reduced split)'} vs simulator (${LATENCY_MS} ms/call, concurrency ${CONCURRENCY}); SIMULATOR numbers, not model results`);
    const started = performance.now();
    const { runId } = await core.runs.start(config);
    let lastLine = 0;
    core.runs.onProgress((p) => {
      if (performance.now() - lastLine > 5_000) {
        lastLine = performance.now();
        console.log(`  ${((performance.now() - started) / 1000).toFixed(0)}s ${p.phase}`);
      }
    });
    const summary = await core.runs.waitForRun(runId);
    const wallMs = performance.now() - started;
    if (summary.status !== 'completed') throw new Error(`run ended ${summary.status}: ${summary.statusReason ?? ''}`);

    const events = core.store.readStream(runId);
    const path = criticalPath(events, { concurrency: CONCURRENCY, latencyMs: LATENCY_MS });
    const perRole = new Map<string, { calls: number; cached: number; prompt: number; completion: number }>();
    for (const event of events) {
      for (const call of (event.data as { calls?: LoggedCall[] }).calls ?? []) {
        const row = perRole.get(call.role) ?? { calls: 0, cached: 0, prompt: 0, completion: 0 };
        row.calls += 1;
        if (call.cached) row.cached += 1;
        row.prompt += call.promptTokens;
        row.completion += call.completionTokens;
        perRole.set(call.role, row);
      }
    }
    const sim = simulator.stats();
    const ratio = wallMs / path.graphBoundMs;
    const todayRatio = wallMs / path.boundMs;
    const pass = ratio <= TARGET_RATIO;

    const lines: string[] = [];
    lines.push(`wall time ${(wallMs / 1000).toFixed(1)} s; dependency-graph bound ${(path.graphBoundMs / 1000).toFixed(1)} s (${path.graphRounds} rounds x ${LATENCY_MS} ms); ratio ${ratio.toFixed(3)} -> ${pass ? 'PASS' : 'MISS'} (target <= ${TARGET_RATIO})`);
    lines.push(`today's sequential-phases bound ${(path.boundMs / 1000).toFixed(1)} s (${path.rounds} rounds); wall / today's bound ${todayRatio.toFixed(3)}`);
    for (const m of path.measurements) {
      lines.push(`- ${m.phase} @${m.position}: ${m.calls} calls, ${m.rounds} rounds alone; beside ${m.overlappedPhases} phases (${m.overlappedRounds} rounds, ${m.idleSlots} idle slots) -> adds ${m.extraRounds} rounds`);
    }
    lines.push(`run: val ${pct(summary.val)} test ${pct(summary.test)} seed val ${pct(summary.seedVal)} seed test ${pct(summary.seedTest)}; simulator requests ${sim.requests}, max in flight ${sim.maxInFlight}`);
    lines.push('');
    lines.push('| role | calls | cached | prompt tokens | completion tokens |');
    lines.push('|---|---:|---:|---:|---:|');
    let total = { calls: 0, cached: 0, prompt: 0, completion: 0 };
    for (const [role, r] of [...perRole].sort()) {
      lines.push(`| ${role} | ${r.calls} | ${r.cached} | ${r.prompt} | ${r.completion} |`);
      total = { calls: total.calls + r.calls, cached: total.cached + r.cached, prompt: total.prompt + r.prompt, completion: total.completion + r.completion };
    }
    lines.push(`| **all** | ${total.calls} | ${total.cached} | ${total.prompt} | ${total.completion} |`);
    lines.push('');
    const slow = path.phases
      .filter((p) => p.rounds > 0 && p.observedMs > p.rounds * LATENCY_MS * TARGET_RATIO + 50)
      .sort((a, b) => b.observedMs - b.rounds * LATENCY_MS - (a.observedMs - a.rounds * LATENCY_MS))
      .slice(0, 8);
    lines.push(`phases: ${path.phases.length} (one engine append each); slowest phases over their own bound by more than ${Math.round((TARGET_RATIO - 1) * 100)}%: ${slow.length === 0 ? 'none' : slow.length}`);
    for (const p of slow) {
      lines.push(`- @${p.position} ${p.label}: ${p.calls} calls, ${p.rounds} rounds = ${p.rounds * LATENCY_MS} ms bound, observed ${p.observedMs} ms`);
    }
    console.log(lines.join('\n'));
    return { wallMs, boundMs: path.boundMs, rounds: path.rounds, graphBoundMs: path.graphBoundMs, graphRounds: path.graphRounds, calls: total.calls, ratio, todayRatio };
  } finally {
    await core.close();
    await simulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function pct(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

await main();
