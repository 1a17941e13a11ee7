/**
 * `npm run bench:ui` (optimizer issue 8, "Speed, measured by a benchmark"): time travel in the
 * real UI. Builds a synthetic REMO run of >= 50,000 events (support/buildSyntheticRun.ts: real
 * event shapes, sizes and phase metadata, written through the store and all its projections) and
 * a second database of 1,000 small runs; serves each through the core + web host in this process,
 * exactly as test/e2e/support/e2eHost.ts does; drives headless Chromium with Playwright.
 *
 * Figures, from the input to the new state on screen:
 * - scrub step: ArrowRight on the focused scrubber at random positions (seeded); the app's own
 *   `remo:point-shown` ms (performance.now() when the state is committed minus performance.now()
 *   in the key handler), cross-checked with the keydown event's timeStamp -> the frame after it;
 * - epoch jump: `]` the same way;
 * - opening the run: a fresh page load of `#run=ID` -> `remo:point-shown` (input 'open'), as
 *   performance.now() at the event, i.e. time since navigation start;
 * - diff of two pinned points: trusted click on "vs pinned" -> the diff in the DOM (MutationObserver)
 *   -> the frame after, from the click event's timeStamp;
 * - runs list of 1,000 runs: fresh page load -> 1,000 rows in the DOM, and `remo:runs-loaded`'s ms;
 * - `runs.stateAt` through fetch (POST /api/runs.stateAt, X-Remo-Token), to split server and UI time.
 * Last line, exactly: `ui: scrub step median N ms, p95 N ms on E events`.
 *
 * `--tiny` (or BENCH_TINY=1): 2,000 events, 10 positions, 50 runs: proves the benchmark works.
 * The renderer is rebuilt (`npm run build:renderer`) when dist/renderer is missing or older than
 * renderer/ or shared/; `--build` forces it. Binds only port 0 on 127.0.0.1; no other network.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright';
import { apiDepsFromCore, createApiService } from '../../electron/core/api';
import { createCore, type Core } from '../../electron/core/composition/createCore';
import { startWebHost, type WebHost, webHostApiFromTransport } from '../../electron/host';
import { createSeededRandom } from '../../shared/random/seededRandom';
import { openStore } from '../integration/engine/engineTestKit';
import { BenchRecorder } from './support/benchResult';
import { buildSmallRuns, buildSyntheticRun } from './support/buildSyntheticRun';

const recorder = new BenchRecorder('ui');
const TINY = recorder.tiny;
/** `--profile`: serve an unminified build and print where the renderer's CPU time goes during scrub steps. */
const PROFILE = process.argv.includes('--profile');
const SIZE = TINY
  ? { events: 2_000, val: 50, test: 20, positions: 10, opens: 2, runs: 50, lists: 2, fetches: 10 }
  : { events: 50_000, val: 300, test: 100, positions: 60, opens: 7, runs: 1_000, lists: 5, fetches: 50 };
const positionsArg = process.argv.indexOf('--positions');
if (positionsArg > 0) SIZE.positions = Number(process.argv[positionsArg + 1]);
const TARGET = { scrubP95: 50, open: 1_000, runsList: 1_000 };
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const benchStarted = performance.now();
const log = (line: string) => console.log(line);
let sectionStarted = performance.now();
/** Where the benchmark's own wall time goes (stderr, so stdout keeps the figures). */
const section = (label: string) => {
  const now = performance.now();
  console.error(`  [${((now - benchStarted) / 1000).toFixed(1)} s] ${label} (previous section ${((now - sectionStarted) / 1000).toFixed(1)} s)`);
  sectionStarted = now;
};

// ---------- statistics and printing ----------
interface Stats { median: number; p95: number; max: number; n: number }
function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { median: sorted.length % 2 ? at(0.5) : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2, p95: at(0.95), max: sorted.at(-1) ?? NaN, n: sorted.length };
}
const ms = (v: number) => `${v.toFixed(1)} ms`;
const describe = (s: Stats) => `median ${ms(s.median)}, p95 ${ms(s.p95)}, max ${ms(s.max)}, n ${s.n}`;
const verdict = (value: number, target: number) => (value <= target ? 'PASS' : 'MISS');

// ---------- renderer build ----------
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}
function ensureRenderer(): string {
  if (PROFILE) {
    const out = mkdtempSync(path.join(tmpdir(), 'remo-ui-bench-renderer-'));
    execSync(`npx vite build --config vite.renderer.config.ts --outDir ${out} --minify false --logLevel error`, { stdio: ['ignore', 'ignore', 'inherit'] });
    log(`--profile: built an unminified renderer in ${out} (the figures below are NOT comparable with a normal run: unminified code, a profiler attached)`);
    return out;
  }
  const dist = path.resolve('dist/renderer');
  const index = path.join(dist, 'index.html');
  const stale = !existsSync(index) || statSync(index).mtimeMs < Math.max(newestMtime(path.resolve('renderer')), newestMtime(path.resolve('shared')));
  if (stale || process.argv.includes('--build')) {
    const t = performance.now();
    execSync('npm run build:renderer', { stdio: ['ignore', 'ignore', 'inherit'] });
    log(`built the renderer (npm run build:renderer) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } else log('dist/renderer is newer than renderer/ and shared/: not rebuilt');
  return dist;
}

// ---------- --profile: map profiled bundle positions to their sources (the build writes source maps) ----------
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const sourceMaps = new Map<string, { sources: string[]; lines: number[][][] }>();
function decodeMap(file: string): { sources: string[]; lines: number[][][] } {
  const map = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[]; mappings: string };
  const lines: number[][][] = [];
  let source = 0;
  for (const line of map.mappings.split(';')) {
    const segments: number[][] = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const values: number[] = [];
      let value = 0, shift = 0;
      for (const ch of segment) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0]!;
      if (values.length > 1) source += values[1]!;
      segments.push([column, source]);
    }
    lines.push(segments);
  }
  return { sources: map.sources, lines };
}
function sourceOf(root: string, url: string, line: number, column: number): string {
  const name = url.split('/').pop()!;
  const file = path.join(root, 'assets', `${name}.map`);
  if (!existsSync(file)) return name;
  let map = sourceMaps.get(file);
  if (!map) sourceMaps.set(file, (map = decodeMap(file)));
  const segments = map.lines[line] ?? [];
  let found: number[] | undefined;
  for (const segment of segments) if (segment[0]! <= column) found = segment;
  return found ? map.sources[found[1]!]!.replace(/^(\.\.\/)+/, '') : name;
}
function moduleOf(source: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return match ? match[1]! : source;
}

// ---------- core + web host, as test/e2e/support/e2eHost.ts ----------
async function serve(dbPath: string, staticDir: string): Promise<{ core: Core; host: WebHost; close(): Promise<void> }> {
  const core = await createCore({ dbPath });
  const api = createApiService(apiDepsFromCore(core, { version: '0.0.0-bench' }));
  const host = await startWebHost({ api: webHostApiFromTransport(api.transport('web')), staticDir });
  return { core, host, async close() { await host.close(); await core.close(); } };
}

// ---------- in-page instrumentation (installed before any app script on every load) ----------
interface Shown { runId: string; position: number; input: string; ms: number; t: number; frame?: number }
interface PageProbe {
  shown: Shown[];
  keys: { key: string; ts: number }[];
  clicks: { ts: number; testId: string | null }[];
  runsLoaded: { count: number; ms: number; t: number } | null;
  ready: number | null;
}
declare global { interface Window { __bench: PageProbe } }

// A string, not a function: tsx's keep-names helper (__name) does not exist in the page.
const PROBE = `(() => {
  const b = { shown: [], keys: [], clicks: [], runsLoaded: null, ready: null };
  window.__bench = b;
  // Resource Timing of every API call, to split a scrub into waiting for the core and rendering.
  performance.setResourceTimingBufferSize(100000);
  // The frame after: a rAF callback runs before the frame's paint; the task queued from it runs after it.
  window.addEventListener('remo:point-shown', (e) => {
    const rec = { ...e.detail, t: performance.now() };
    b.shown.push(rec);
    requestAnimationFrame(() => setTimeout(() => { rec.frame = performance.now(); }, 0));
  });
  window.addEventListener('remo:runs-loaded', (e) => { b.runsLoaded = { ...e.detail, t: performance.now() }; });
  window.addEventListener('remo:ready', () => { b.ready = performance.now(); });
  window.addEventListener('keydown', (e) => { b.keys.push({ key: e.key, ts: e.timeStamp }); }, true);
  window.addEventListener('click', (e) => {
    const owner = e.target && e.target.closest ? e.target.closest('[data-testid]') : null;
    b.clicks.push({ ts: e.timeStamp, testId: owner ? owner.getAttribute('data-testid') : null });
  }, true);
})();`;

const shownCount = (page: Page) => page.evaluate(() => window.__bench.shown.length);
/** The first point-shown after index `after` (optionally of input `input`), with its frame time. */
async function nextShown(page: Page, after: number, input?: string): Promise<Shown> {
  const handle = await page.waitForFunction(
    ([n, kind]) => window.__bench.shown.slice(n as number).find((s) => (kind === null || s.input === kind) && s.frame !== undefined) ?? null,
    [after, input ?? null] as const,
    { timeout: 60_000 },
  );
  return (await handle.jsonValue()) as Shown;
}

// ---------- the benchmark ----------
const startedAt = new Date();
log(`bench:ui${TINY ? ' --tiny' : ''} ${startedAt.toISOString()}: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const staticDir = ensureRenderer();
const dir = mkdtempSync(path.join(tmpdir(), 'remo-ui-bench-'));
const bigDb = path.join(dir, 'big.db');
const listDb = path.join(dir, 'runs.db');
const runId = 'bench-run';
{
  const store = openStore(bigDb);
  const built = buildSyntheticRun(store, { runId, name: 'bench: synthetic REMO run', minEvents: SIZE.events, val: SIZE.val, test: SIZE.test });
  store.close();
  log(`built run ${runId}: ${built.events} events, ${built.epochs} epochs, in ${(built.buildMs / 1000).toFixed(1)} s`);
  const listStore = openStore(listDb);
  const t = performance.now();
  buildSmallRuns(listStore, SIZE.runs);
  listStore.close();
  log(`built ${SIZE.runs} small runs in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

section('data built');
const browser = await chromium.launch({ headless: true, ...(existsSync(DEBIAN_CHROMIUM) ? { executablePath: DEBIAN_CHROMIUM } : {}), args: CHROMIUM_ARGS });
log(`browser: Chromium ${browser.version()}${existsSync(DEBIAN_CHROMIUM) ? ` (${DEBIAN_CHROMIUM})` : ''}, headless, 1440x900`);
const results: string[] = [];
let scrubStats: Stats | null = null;
let eventCount = 0;
try {
  // ======== the big run ========
  const big = await serve(bigDb, staticDir);
  try {
    eventCount = big.core.store.streamVersion(runId);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    await page.goto(big.host.issueLoginUrl()); // one-time ?token= -> session cookie, redirect to /
    await page.waitForFunction(() => window.__bench.ready !== null);
    const origin = big.host.origin;

    // --- opening the run: fresh loads of #run=ID (the first one is cold for the browser's cache and the core) ---
    section('browser up, host serving the run');
    const opens: { shown: number; frame: number; app: number; ready: number }[] = [];
    for (let i = 0; i < SIZE.opens; i++) {
      await page.goto('about:blank');
      await page.goto(`${origin}/#run=${encodeURIComponent(runId)}`);
      const shown = await nextShown(page, 0, 'open');
      const ready = await page.waitForFunction(() => window.__bench.ready).then((h) => h.jsonValue() as Promise<number>);
      opens.push({ shown: shown.t, frame: shown.frame!, app: shown.ms, ready });
    }
    log(`opening loads (navigation start -> point shown, ms): ${opens.map((o) => o.shown.toFixed(0)).join(', ')}`);
    const openStats = stats(opens.map((o) => o.frame));
    recorder.figure({ name: 'ui: opening the run, navigation start -> frame after point shown, median', value: openStats.median, unit: 'ms', target: { op: '<=', value: TARGET.open }, detail: `max ${openStats.max.toFixed(0)} ms, n ${openStats.n}` });
    const openShown = stats(opens.map((o) => o.shown));

    section('run opened');
    // The page now shows the run at its end; the scrubber works from here on.
    const scrubber = page.getByTestId('scrubber');
    await scrubber.waitFor();
    const random = createSeededRandom('bench-ui');
    const scrubApp: number[] = [], scrubOwn: number[] = [], scrubOwnCommit: number[] = [], scrubReply: number[] = [], scrubRender: number[] = [];
    const epochApp: number[] = [], epochOwn: number[] = [];
    const diffOwn: number[] = [], diffCommit: number[] = [];
    const visited = new Set<number>();
    let epochRepeats = 0;
    let mismatches = 0;
    const goTo = async (position: number) => {
      const n = await shownCount(page);
      await page.evaluate(([id, at]) => void (window.location.hash = `#run=${encodeURIComponent(id as string)}&at=${at}`), [runId, position] as const);
      const shown = await nextShown(page, n, 'link');
      if (shown.position !== position) mismatches++;
      visited.add(shown.position);
      return shown;
    };
    const press = async (key: string) => {
      await scrubber.focus();
      const n = await shownCount(page);
      const keysBefore = await page.evaluate(() => window.__bench.keys.length);
      await page.keyboard.press(key);
      const shown = await nextShown(page, n, `key ${key}`);
      const keyTs = await page.evaluate((k) => window.__bench.keys[k]!.ts, keysBefore);
      const onScreen = Number(await scrubber.getAttribute('data-position'));
      if (onScreen !== shown.position) mismatches++;
      // The runs.stateAt request this input caused, as the browser timed it (none when the state was cached).
      const fetched = await page.evaluate((since) => {
        const entry = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/runs.stateAt') && e.startTime >= since) as PerformanceResourceTiming | undefined;
        return entry ? { start: entry.startTime, end: entry.responseEnd } : null;
      }, keyTs);
      return { shown, own: shown.frame! - keyTs, ownCommit: shown.t - keyTs, reply: fetched ? fetched.end - keyTs : null, render: fetched ? shown.t - fetched.end : null };
    };
    const diffOnce = async () => {
      // Back to the plain text, then time the click on "vs pinned" until the diff is in the DOM and painted.
      await page.getByTestId('prompt-tab-text').click();
      await page.evaluate(() => {
        const panel = document.querySelector('[data-testid="prompt-panel"]')!;
        (window as unknown as { __diff: Promise<{ commit: number; frame: number }> }).__diff = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (!panel.querySelector('[data-testid="prompt-diff"]')) return;
            observer.disconnect();
            const commit = performance.now();
            requestAnimationFrame(() => setTimeout(() => resolve({ commit, frame: performance.now() }), 0));
          });
          observer.observe(panel, { childList: true, subtree: true });
        });
      });
      const clicksBefore = await page.evaluate(() => window.__bench.clicks.length);
      await page.getByTestId('prompt-tab-pinned').click();
      const done = await page.evaluate(() => (window as unknown as { __diff: Promise<{ commit: number; frame: number }> }).__diff);
      const clickTs = await page.evaluate((k) => window.__bench.clicks.slice(k).find((c) => c.testId === 'prompt-tab-pinned')!.ts, clicksBefore);
      await page.getByTestId('prompt-panel').getByTestId('prompt-diff').waitFor();
      return { own: done.frame - clickTs, commit: done.commit - clickTs };
    };

    const lastPosition = eventCount;
    const randomPosition = () => 2 + random.int(lastPosition - 3);
    for (let i = 0; i < SIZE.positions; i++) {
      // 1. a random point, reached by a deep link (hash change)
      let start = randomPosition();
      while (visited.has(start) || visited.has(start + 1)) start = randomPosition();
      await goTo(start);
      // 2. one keyboard scrub step
      const step = await press('ArrowRight');
      scrubApp.push(step.shown.ms);
      scrubOwn.push(step.own);
      scrubOwnCommit.push(step.ownCommit);
      if (step.reply !== null) scrubReply.push(step.reply);
      if (step.render !== null) scrubRender.push(step.render);
      // 3. a jump to the next epoch end ("]"): epoch ends repeat across samples (the app caches 400 states)
      const before = visited.size;
      const jump = await press(']');
      visited.add(jump.shown.position);
      if (visited.size === before) epochRepeats++;
      epochApp.push(jump.shown.ms);
      epochOwn.push(jump.own);
      // 4. pin this point, go to another random point, diff against the pinned one
      if (await page.getByTestId('unpin').count()) await page.getByTestId('unpin').click();
      await page.getByTestId('pin').click();
      let other = randomPosition();
      while (visited.has(other)) other = randomPosition();
      await goTo(other);
      const diff = await diffOnce();
      diffOwn.push(diff.own);
      diffCommit.push(diff.commit);
    }
    section('positions measured');
    if (PROFILE) {
      // CPU profile of 20 scrub steps (ArrowRight, each waited for): self time by function.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await goTo(randomPosition());
      await cdp.send('Profiler.start');
      for (let i = 0; i < 20; i++) await press('ArrowRight');
      const { profile } = await cdp.send('Profiler.stop');
      const dt = new Map<number, number>();
      profile.samples!.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
      const byFunction = new Map<string, number>();
      const byModule = new Map<string, number>();
      let total = 0;
      for (const node of profile.nodes) {
        const f = node.callFrame;
        const us = dt.get(node.id) ?? 0;
        total += us;
        const source = f.url ? sourceOf(staticDir, f.url, f.lineNumber, f.columnNumber) : f.functionName;
        byFunction.set(`${f.functionName || '(anonymous)'} (${source})`, (byFunction.get(`${f.functionName || '(anonymous)'} (${source})`) ?? 0) + us);
        byModule.set(moduleOf(source), (byModule.get(moduleOf(source)) ?? 0) + us);
      }
      const print = (title: string, map: Map<string, number>, count: number) => {
        log(title);
        for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) log(`  ${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
      };
      log(`--profile: renderer main thread over 20 scrub steps (each waited for), ${(total / 1000).toFixed(0)} ms sampled; (program) = the browser's own work (style, layout, paint), (idle) = waiting`);
      print('  self time by package / source file:', byModule, 15);
      print('  self time by function:', byFunction, 20);
    }
    if (mismatches > 0) log(`WARNING: ${mismatches} point-shown events named another position than the scrubber`);
    scrubStats = stats(scrubApp);
    recorder.figure({ name: 'ui: scrub step (ArrowRight, input -> point shown), p95', value: scrubStats.p95, unit: 'ms', target: { op: '<=', value: TARGET.scrubP95 }, detail: `median ${scrubStats.median.toFixed(1)} ms, n ${scrubStats.n}` });
    const scrubOwnStats = stats(scrubOwn);
    results.push(
      `scrub step (ArrowRight, app: input -> point shown): ${describe(scrubStats)}; target p95 <= ${TARGET.scrubP95} ms -> ${verdict(scrubStats.p95, TARGET.scrubP95)}`,
      `  cross-check, keydown timeStamp -> point shown / -> the frame after: ${describe(stats(scrubOwnCommit))} / ${describe(scrubOwnStats)}; target p95 <= ${TARGET.scrubP95} ms -> ${verdict(scrubOwnStats.p95, TARGET.scrubP95)}`,
      `  split of a scrub step: keydown -> runs.stateAt reply received (browser Resource Timing) ${describe(stats(scrubReply))}; reply -> point shown (JSON, React render, commit, effect) ${describe(stats(scrubRender))}`,
      `epoch jump (], app: input -> point shown): ${describe(stats(epochApp))}; keydown -> frame after: ${describe(stats(epochOwn))}; ${epochRepeats} of ${epochApp.length} to an epoch end seen before (client cache)`,
      `open the run (fresh load of #run=ID, navigation start -> frame after point shown): ${describe(openStats)}; target <= ${TARGET.open} ms -> median ${verdict(openStats.median, TARGET.open)}, max ${verdict(openStats.max, TARGET.open)}`,
      `  same, navigation start -> point shown: ${describe(openShown)}; app's own ms (selectRun -> shown) ${describe(stats(opens.map((o) => o.app)))}; remo:ready ${describe(stats(opens.map((o) => o.ready)))}`,
      `diff of two pinned points (click "vs pinned" -> frame after the diff is in the DOM): ${describe(stats(diffOwn))}; click -> DOM ${describe(stats(diffCommit))}; target none`,
    );
    await context.close();

    // --- the core alone, through the web host's API (what a scrub step waits for) ---
    const call = async (method: string, body: unknown) => {
      const t = performance.now();
      const response = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Remo-Token': big.host.token }, body: JSON.stringify(body) });
      const text = await response.text();
      const elapsed = performance.now() - t;
      if (!response.ok) throw new Error(`${method}: HTTP ${response.status} ${text.slice(0, 200)}`);
      return { elapsed, bytes: text.length };
    };
    section('page closed');
    const apiRandom = createSeededRandom('bench-ui-api');
    const stateAtTimes: number[] = [];
    let stateBytes = 0;
    for (let i = 0; i < SIZE.fetches; i++) {
      const r = await call('runs.stateAt', { runId, at: { position: 2 + apiRandom.int(lastPosition - 3) } });
      stateAtTimes.push(r.elapsed);
      stateBytes = Math.max(stateBytes, r.bytes);
    }
    const inProcess: number[] = [];
    for (let i = 0; i < SIZE.fetches; i++) {
      const t = performance.now();
      big.core.runs.stateAt(runId, { position: 2 + apiRandom.int(lastPosition - 3) });
      inProcess.push(performance.now() - t);
    }
    const openCalls: string[] = [];
    for (const method of ['runs.summary', 'runs.timeline', 'runs.versions', 'runs.metrics', 'runs.list']) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 5; i++) {
        const r = await call(method, method === 'runs.list' ? {} : { runId });
        times.push(r.elapsed);
        bytes = r.bytes;
      }
      openCalls.push(`${method} ${ms(stats(times).median)} (${(bytes / 1024).toFixed(0)} KiB)`);
    }
    results.push(
      `runs.stateAt via fetch at ${SIZE.fetches} random positions (server + HTTP, no UI): ${describe(stats(stateAtTimes))}; largest reply ${(stateBytes / 1024).toFixed(0)} KiB`,
      `  runs.stateAt in process (core.runs.stateAt, no HTTP/JSON) at ${SIZE.fetches} other random positions: ${describe(stats(inProcess))}`,
      `  the calls that open a run, median of 5: ${openCalls.join('; ')}`,
    );
  } finally {
    await big.close();
  }

  section('API timed');
  // ======== the runs list ========
  const list = await serve(listDb, staticDir);
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    await page.goto(list.host.issueLoginUrl());
    await page.waitForFunction(() => window.__bench.ready !== null);
    const rows: number[] = [], loaded: number[] = [], appMs: number[] = [];
    for (let i = 0; i < SIZE.lists; i++) {
      await page.goto('about:blank');
      await page.goto(`${list.host.origin}/`);
      const handle = await page.waitForFunction((count) => {
        const w = window as unknown as { __rows?: number | null };
        if (typeof w.__rows === 'number') return w.__rows;
        // The table is virtualised: it is drawn once the list says it holds every run and rows are in view.
        const counted = (document.querySelector('[data-testid="runs-count"]')?.textContent ?? '').startsWith(`${count} of ${count}`);
        if (!counted || document.querySelectorAll('[data-testid="run-row"]').length === 0 || w.__rows === null) return null;
        w.__rows = null;
        requestAnimationFrame(() => setTimeout(() => void (w.__rows = performance.now()), 0));
        return null;
      }, SIZE.runs, { polling: 'raf', timeout: 60_000 });
      rows.push((await handle.jsonValue()) as number);
      const runsLoaded = await page.evaluate(() => window.__bench.runsLoaded!);
      if (runsLoaded.count !== SIZE.runs) throw new Error(`runs-loaded says ${runsLoaded.count} runs, expected ${SIZE.runs}`);
      loaded.push(runsLoaded.t);
      appMs.push(runsLoaded.ms);
    }
    const domRows = await page.locator('[data-testid="run-row"]').count();
    const rowStats = stats(rows);
    recorder.figure({ name: `ui: runs list of ${SIZE.runs} runs, navigation start -> list drawn, median`, value: rowStats.median, unit: 'ms', target: { op: '<=', value: TARGET.runsList }, detail: `max ${rowStats.max.toFixed(0)} ms` });
    results.push(
      `runs list of ${SIZE.runs} runs (fresh load, navigation start -> the list holds all ${SIZE.runs} and draws the ${domRows} rows in view (virtualised), frame after): ${describe(rowStats)}; target <= ${TARGET.runsList} ms -> median ${verdict(rowStats.median, TARGET.runsList)}, max ${verdict(rowStats.max, TARGET.runsList)}`,
      `  remo:runs-loaded: navigation start -> event ${describe(stats(loaded))}; its own ms (script start -> list loaded) ${describe(stats(appMs))}`,
    );
    await context.close();
  } finally {
    await list.close();
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}

section('runs list measured');
for (const line of results) log(line);
log(`total ${((performance.now() - benchStarted) / 1000).toFixed(1)} s; load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
if (!scrubStats) throw new Error('no scrub figures');
recorder.finish(`ui: scrub step median ${Math.round(scrubStats.median)} ms, p95 ${Math.round(scrubStats.p95)} ms on ${eventCount} events`);
