/**
 * `npm run bench:engine`: the textgrad-dspy recipe (TextGrad, batch 3, 3 epochs x 4 steps, gate on,
 * 300 val, 1319 test) against the simulator at 300 ms per call, concurrency 32. Prints wall time,
 * calls and tokens per role, and the critical-path lower bound computed from the calls the run
 * actually made (see criticalPath.ts); PASS when wall time is within 15% of the bound.
 * Appends its figures to docs/benchmarks.md under "## Engine".
 *
 * Env: BENCH_LATENCY_MS (default 300), BENCH_CONCURRENCY (32), BENCH_NO_WRITE=1 (do not touch docs).
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore } from '../../electron/core/composition/createCore';
import { startSimulator } from '../../electron/core/llm/simulator/startSimulator';
import type { LoggedCall } from '../../shared/events/run/callRecord';
import { criticalPath } from './criticalPath';

const ROOT = resolve(import.meta.dirname, '../..');
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const TOLERANCE = 0.15;

async function main(): Promise<void> {
  const recipe = JSON.parse(readFileSync(join(ROOT, 'resources/configs/textgrad-dspy.json'), 'utf8')) as Record<string, unknown>;
  const simulator = await startSimulator({ seed: 0, latencyMs: LATENCY_MS });
  const dir = mkdtempSync(join(tmpdir(), 'remo-bench-engine-'));
  const core = await createCore({ dbPath: join(dir, 'bench.db') });
  try {
    const config = {
      ...recipe,
      parallelism: CONCURRENCY,
      endpoints: [{ name: 'sim', kind: 'simulator', baseURL: simulator.url, model: 'remo-simulator', concurrency: CONCURRENCY, timeoutMs: 60_000 }],
    };
    console.log(`engine bench: textgrad-dspy recipe vs simulator (${LATENCY_MS} ms/call, concurrency ${CONCURRENCY}); SIMULATOR numbers, not model results`);
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
    const ratio = wallMs / path.boundMs;
    const pass = ratio <= 1 + TOLERANCE;

    const lines: string[] = [];
    lines.push(`wall time ${(wallMs / 1000).toFixed(1)} s; critical-path bound ${(path.boundMs / 1000).toFixed(1)} s (${path.rounds} rounds x ${LATENCY_MS} ms); ratio ${ratio.toFixed(3)} -> ${pass ? 'PASS' : 'MISS'} (target <= ${1 + TOLERANCE})`);
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
      .filter((p) => p.rounds > 0 && p.observedMs > p.rounds * LATENCY_MS * (1 + TOLERANCE) + 50)
      .sort((a, b) => b.observedMs - b.rounds * LATENCY_MS - (a.observedMs - a.rounds * LATENCY_MS))
      .slice(0, 8);
    lines.push(`phases: ${path.phases.length} (one engine append each); slowest phases over their own bound by more than ${TOLERANCE * 100}%: ${slow.length === 0 ? 'none' : slow.length}`);
    for (const p of slow) {
      lines.push(`- @${p.position} ${p.label}: ${p.calls} calls, ${p.rounds} rounds = ${p.rounds * LATENCY_MS} ms bound, observed ${p.observedMs} ms`);
    }
    const text = lines.join('\n');
    console.log(text);
    if (process.env.BENCH_NO_WRITE !== '1') writeBenchmarks(text, { wallMs, boundMs: path.boundMs, pass });
    process.exitCode = pass ? 0 : 1;
  } finally {
    await core.close();
    await simulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function pct(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** Appends a dated entry under "## Engine" (created at the end of the file when missing); never rewrites other sections. */
function writeBenchmarks(body: string, figures: { wallMs: number; boundMs: number; pass: boolean }): void {
  const file = join(ROOT, 'docs', 'benchmarks.md');
  const entry = [
    '',
    `### ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — textgrad-dspy vs simulator, ${LATENCY_MS} ms/call, concurrency ${CONCURRENCY}: ${figures.pass ? 'PASS' : 'MISS'}`,
    '',
    '`npm run bench:engine` (test/bench/engine.bench.ts). Wall time from `start` to the run\'s completion in this process; the bound is',
    'the sum over the run\'s phases (one engine append each) of the rounds of dependent calls at the given concurrency, times the latency,',
    'computed from the calls the run\'s events record (test/bench/criticalPath.ts). Numbers come from the SIMULATOR, not a model.',
    '',
    body,
    '',
  ].join('\n');
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  if (!/^## Engine\s*$/m.test(existing)) {
    writeFileSync(file, existing.replace(/\n*$/, '\n') + '\n## Engine\n' + entry);
    return;
  }
  // Insert at the end of the Engine section (before the next "## " heading), so other sections stay intact.
  const start = existing.search(/^## Engine\s*$/m);
  const rest = existing.slice(start + 1);
  const next = rest.search(/^## /m);
  if (next === -1) {
    appendFileSync(file, (existing.endsWith('\n') ? '' : '\n') + entry);
    return;
  }
  const at = start + 1 + next;
  writeFileSync(file, existing.slice(0, at).replace(/\n*$/, '\n') + entry + '\n' + existing.slice(at));
}

await main();
