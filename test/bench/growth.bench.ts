/**
 * `npm run bench:growth [-- --max-events N --sizes 10000,100000,1000000]`: how the store grows.
 * For each size, a fresh database receives synthetic REMO runs through the real store and every run
 * projection (support/buildSyntheticRun.ts, the builder `bench:stateat` and `bench:ui` use): runs of
 * at most 50,000 events each (a 1M-event log is 20 runs, as a user's database would be), then:
 *  - append: events/s of writing the runs (generation of the events included; one append per phase);
 *  - rebuild: events/s of `rebuildProjections` over every run projection (what `remo rebuild` does);
 *  - stateAt: the UI's scrubber on the last run, at 20 random positions (seeded), median and worst.
 * The event shape is LIGHT by default (solver replies of ~60 characters instead of 400-900, val and
 * test 50 instead of 300/100), so 1M events fit in minutes; `--full-shape` uses the full one.
 * `--tiny`: 1,000 and 2,500 events. Last line: `growth: ... at N events`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stateAt } from '../../electron/core/engine';
import { runProjections } from '../../electron/core/engine';
import { rebuildProjections } from '../../electron/core/projections/rebuildProjections';
import { openStore } from '../integration/engine/engineTestKit';
import { argValue, BenchRecorder, formatNumber, machineLine, quantile } from './support/benchResult';
import { buildSyntheticRun } from './support/buildSyntheticRun';

const recorder = new BenchRecorder('growth');
const light = !process.argv.includes('--full-shape');
const RUN_EVENTS = Number(argValue('run-events') ?? 50_000);
const maxEvents = Number(argValue('max-events') ?? Infinity);
const sizes = (argValue('sizes') ?? (recorder.tiny ? '1000,2500' : '10000,100000,1000000'))
  .split(',').map(Number).filter((n) => n > 0 && n <= maxEvents);
if (sizes.length === 0) throw new Error(`no size left under --max-events ${maxEvents}`);

let seed = 11;
const nextRandom = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

console.log(`growth bench${recorder.tiny ? ' --tiny' : ''}${light ? '' : ' --full-shape'}: ${machineLine()}`);
console.log(`sizes: ${sizes.join(', ')} events, runs of <= ${RUN_EVENTS} events; event shape: ${light ? 'light (val/test 50, ~60-char replies)' : 'full (val 300, test 100, 400-900-char replies)'}`);
const rows: (string | number)[][] = [];
let last = { events: 0, append: 0, rebuild: 0, stateAtMedian: 0, stateAtWorst: 0 };
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'remo-growth-'));
  try {
    const dbPath = join(dir, 'remo.db');
    const store = openStore(dbPath);
    const runs = Math.ceil(size / RUN_EVENTS);
    let buildMs = 0;
    let lastRun = { runId: '', events: 0 };
    for (let r = 0; r < runs; r++) {
      const built = buildSyntheticRun(store, { runId: `run-${r}`, seed: r, minEvents: Math.ceil(size / runs), ...(light ? { val: 50, test: 50, light: true } : {}) });
      buildMs += built.buildMs;
      lastRun = { runId: built.runId, events: built.events };
    }
    const events = store.lastGlobalPosition();
    const append = events / (buildMs / 1000);
    const t = performance.now();
    const rebuilt = rebuildProjections(store.db, store, runProjections());
    const rebuildSeconds = (performance.now() - t) / 1000;
    const rebuild = events / rebuildSeconds;
    stateAt(store, lastRun.runId, 'end'); // warm, as a user who opened the run
    const first = events - lastRun.events + 1;
    const samples = Array.from({ length: 20 }, () => {
      const position = first + 1 + Math.floor(nextRandom() * (lastRun.events - 2));
      const started = performance.now();
      stateAt(store, lastRun.runId, { position });
      return performance.now() - started;
    });
    store.close();
    const mib = statSync(dbPath).size / 2 ** 20;
    const median = quantile(samples, 0.5);
    const worst = Math.max(...samples);
    console.log(`${events} events in ${runs} run(s) (${mib.toFixed(0)} MiB): append ${formatNumber(append)} events/s (${(buildMs / 1000).toFixed(1)} s), ` +
      `rebuild ${formatNumber(rebuild)} events/s (${rebuildSeconds.toFixed(1)} s, ${rebuilt.appliedEvents} applied), stateAt median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms`);
    rows.push([events.toLocaleString('en-US'), runs, `${mib.toFixed(0)} MiB`, formatNumber(append), formatNumber(rebuild), median.toFixed(1), worst.toFixed(1)]);
    last = { events, append, rebuild, stateAtMedian: median, stateAtWorst: worst };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
recorder.table({
  title: `Growth: synthetic REMO runs of <= ${RUN_EVENTS.toLocaleString('en-US')} events through the real store (${light ? 'LIGHT event shape: val/test 50, ~60-character solver replies' : 'full event shape'})`,
  header: ['events', 'runs', 'database', 'append, events/s', 'rebuild, events/s', 'stateAt median, ms', 'stateAt worst of 20, ms'],
  rows,
  note: 'append = writing the run phase by phase through the store and every run projection (event generation included); ' +
    'rebuild = rebuildProjections over every run projection in one transaction; stateAt = the UI scrubber on the last run at 20 seeded random positions. ' +
    'Targets (store issue): appends >= 50,000 events/s and rebuild >= 100,000 events/s were set for the ~1 KB events of bench:store, not for these.',
});
recorder.figure({ name: `stateAt worst of 20 at ${last.events.toLocaleString('en-US')} events (growth)`, value: last.stateAtWorst, unit: 'ms', target: { op: '<=', value: 50 } });
recorder.finish(`growth: append ${formatNumber(last.append)} events/s, rebuild ${formatNumber(last.rebuild)} events/s, stateAt worst ${last.stateAtWorst.toFixed(1)} ms at ${last.events} events`);
