// The crash matrix (`npm run test:crash`, CI form `npm run test:crash:ci`).
//
// A small REMO run against the simulator (its own process, 30 ms latency) is killed with SIGKILL at
// N seeded random moments; after each kill `remo verify` checks the log and `remo resume` continues
// it until the next kill or completion (a completed run starts the next round, in a fresh database).
// Then kills during `remo import`, `remo fork` and `remo rebuild`, each followed by `remo verify`
// and a redo. Every finished run is compared with an uninterrupted run of the same config and seed.
//
// What is measured:
// - verify failures: `remo verify` exiting non-zero after any kill (or at the end of a round);
// - lost events: a reader polls the event count every 20 ms; the count it has seen must never go
//   down, neither between polls nor after a kill (a defensible proxy for "acknowledged events are
//   durable", since the reader only sees committed transactions);
// - repeated calls vs calls in flight: a recording proxy in front of the simulator identifies each
//   request by a hash of its role and body. A request is "repeated" when its hash was already sent
//   earlier in the same round; "in flight" = requests open at the proxy at the instant of the kill,
//   plus any the killed process still got out afterwards, plus replies the proxy finished sending
//   in the DELIVERY_WINDOW_MS before the kill: those bytes may still have sat in the killed
//   process's socket, unread, so its cache never saw them (under load, one was seen at 99 ms). With the run's response cache (on by
//   default) a resumed run may re-send only what was in flight: R <= F. The simulator's own /stats
//   count is cross-checked against the proxy;
// - differing runs: the final run's events as (type, data) with timing fields (latencyMs,
//   durationMs, ...), the `cached` flag of call records (a resumed run answers from its cache what
//   the killed one already received) and run ids removed, and RunResumed events (the resume itself)
//   left out, must equal the uninterrupted run's. Everything else is compared: prompts, replies,
//   predictions, scores, notebook entries, optimizer instructions, token counts, attempts.
//
// Usage: tsx test/crash/crash.ts [--kills N] [--op-kills M] [--seed S] [--latency-ms L] [--keep]
// Last line: `crash: K kills, V verify failures, D runs differing, R repeated of F in flight`.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRecordingProxy, type RecordingProxy } from './recordingProxy';
import {
  eventCount, lastJsonLine, runIds, runRemo, seededRandom, sleep, spawnRemo, startSimProcess, streamEvents, table, tempDir, writeJson,
  type CliResult, type LoggedEvent, type Spawned,
} from './crashHarness';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a non-negative integer`);
  return value;
}

const KILLS = flag('kills', 50);
const OP_KILLS = flag('op-kills', Math.max(1, Math.round(KILLS / 15)));
const SEED = flag('seed', Math.floor(Math.random() * 2 ** 31));
const LATENCY_MS = flag('latency-ms', 30);
const KEEP = process.argv.includes('--keep');
const random = seededRandom(SEED);
const uniform = (lo: number, hi: number) => Math.round(lo + random() * (hi - lo));

process.stdout.write(`crash matrix: seed ${SEED} (replay with --seed ${SEED}), ${KILLS} run kills, ${OP_KILLS} kill(s) each during import/fork/rebuild, simulator latency ${LATENCY_MS} ms\n`);

// ---------------------------------------------------------------------------------------------
// Normalised log: what must be equal between an interrupted-and-resumed run and an uninterrupted one.

const TIMING_KEYS = new Set(['latencyMs', 'durationMs', 'elapsedMs', 'wallSeconds', 'wallMs', 'cached', 'recordedAt', 'at', 'startedAt', 'finishedAt', 'createdAt', 'timestamp']);

/** Strings replaced before comparing: run ids and endpoint URLs (the reference talks to the simulator directly). */
let urlsToHide: string[] = [];

function normalise(value: unknown, runIdsToHide: readonly string[]): unknown {
  if (typeof value === 'string') {
    const withoutUrls = urlsToHide.reduce((text, url) => text.split(url).join('<url>'), value);
    return runIdsToHide.reduce((text, id) => text.split(id).join('<run>'), withoutUrls);
  }
  if (Array.isArray(value)) return value.map((v) => normalise(v, runIdsToHide));
  if (value && typeof value === 'object') {
    // A call record answered from the cache says `attempts: 0`; the original call said how many it
    // took. Both flags describe how the reply was obtained, not the reply, so call records drop them.
    const callRecord = 'cached' in value;
    return Object.fromEntries(Object.entries(value).filter(([key]) => !TIMING_KEYS.has(key) && !(callRecord && key === 'attempts')).map(([key, v]) => [key, normalise(v, runIdsToHide)]));
  }
  return value;
}

function normalisedLog(events: LoggedEvent[], hide: readonly string[]): string[] {
  return events.filter((e) => e.type !== 'RunResumed').map((e) => `${e.type} ${JSON.stringify(normalise(e.data, hide))}`);
}

/** Undefined when equal, else where the two logs first part. */
function firstDifference(a: string[], b: string[]): string | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) {
      const x = a[i] ?? '(end of log)';
      const y = b[i] ?? '(end of log)';
      let at = 0;
      while (at < x.length && x[at] === y[at]) at += 1;
      return `event ${i + 1} of ${a.length} vs ${b.length}: reference «${x.slice(Math.max(0, at - 80), at + 120)}» vs this «${y.slice(Math.max(0, at - 80), at + 120)}»`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

interface Totals {
  kills: number;
  verifyFailures: number;
  differing: number;
  repeated: number;
  inFlight: number;
  lostEvents: number;
}
const totals: Totals = { kills: 0, verifyFailures: 0, differing: 0, repeated: 0, inFlight: 0, lostEvents: 0 };
const problems: string[] = [];
interface Row { what: string; kills: number; verifyFailures: number; lostEvents: number; repeated: number; inFlight: number; differs: string }
const rows: Row[] = [];

const work = tempDir('remo-crash-');
const sim = await startSimProcess(['--latency-ms', String(LATENCY_MS), '--seed', '0']);
const proxy: RecordingProxy = await startRecordingProxy(sim.origin);
const runConfig = (baseURL: string) => ({
  name: 'crash matrix',
  method: 'remo',
  dataset: 'gsm8k',
  split: { train: 9, val: 12, test: 12 },
  epochs: 2,
  stepsPerEpoch: 2,
  batchSize: 3,
  validationGate: true,
  seed: 0,
  endpoints: [{ name: 'sim', kind: 'simulator', baseURL, model: 'remo-simulator', concurrency: 32, timeoutMs: 30_000 }],
});
const config = writeJson(join(work.dir, 'run.json'), runConfig(proxy.url));
urlsToHide = [proxy.url, sim.url];

let segments = 0;
function startSegment(args: string[]): Spawned {
  segments += 1;
  proxy.segment = segments;
  return spawnRemo(args);
}

async function verify(db: string, what: string): Promise<boolean> {
  if (!existsSync(db)) return true; // killed before the database file existed: nothing to check
  const result = await runRemo(['verify', '--db', db]);
  if (result.code === 0 && /^ok \d+ events/m.test(result.stdout)) return true;
  // A database file created by a process killed before its first migration committed has no store
  // yet; verify refuses it with a clear message. Reported, and counted: a killed CLI should not leave
  // a file `remo` then calls damaged.
  problems.push(`verify failed after ${what}: exit ${result.code}: ${(result.stdout + result.stderr).trim().split('\n').slice(-3).join(' | ')}`);
  return false;
}

/** A reader polling the event count: the count it has seen must never decrease. */
function watchCount(db: string): { stop(): void; seen(): number; lost(): number; check(): void } {
  let maxSeen = 0;
  let lost = 0;
  const check = () => {
    const n = eventCount(db);
    if (n === undefined) return;
    if (n < maxSeen) lost += maxSeen - n;
    maxSeen = Math.max(maxSeen, n);
  };
  const timer = setInterval(check, 20);
  return { stop: () => clearInterval(timer), seen: () => maxSeen, lost: () => lost, check };
}

// ---------------------------------------------------------------------------------------------
// Reference: the same config, uninterrupted, in its own database (its own cache), straight to the
// simulator (not through the proxy), while the kill rounds run: it is only needed at the end.

const refDb = join(work.dir, 'reference.db');
const referenceDone = runRemo(['run', '--config', writeJson(join(work.dir, 'reference.json'), runConfig(sim.url)), '--db', refDb, '--json']);

// ---------------------------------------------------------------------------------------------
// Run kills: rounds of run + (kill, verify, resume)* until the run completes.

let round = 0;
const finishedRounds: Array<[number, Row, string, CliResult | undefined]> = [];
function compareRound(round: number, row: Row, db: string, final: CliResult | undefined): void {
  const runId = runIds(db)[0];
  if (!runId || !final || final.code !== 0) {
    row.differs = 'did not complete';
  } else {
    const difference = firstDifference(refLog, normalisedLog(streamEvents(db, runId), [runId]));
    const summary = lastJsonLine(final.stdout);
    const refSummary = lastJsonLine(reference.stdout);
    const summaryDiff = (['status', 'seedVal', 'seedTest', 'val', 'test', 'testPromptOnly', 'epochsDone'] as const).filter((k) => summary?.[k] !== refSummary?.[k]);
    if (difference || summaryDiff.length) {
      row.differs = 'DIFFERS';
      problems.push(`round ${round} (run ${runId}) differs from the reference: ${difference ?? ''} ${summaryDiff.length ? `summary fields ${summaryDiff.join(', ')}` : ''}`);
    } else row.differs = 'equal';
  }
  if (row.differs !== 'equal') totals.differing += 1;
}
/** Replies finished this shortly before a kill count as in flight: the process may not have read them yet. */
const DELIVERY_WINDOW_MS = 250;
const killTimes: number[] = [];
const repeats: string[] = [];
while (totals.kills < KILLS) {
  round += 1;
  const db = join(work.dir, `round${round}.db`);
  const watcher = watchCount(db);
  const row: Row = { what: `run round ${round}`, kills: 0, verifyFailures: 0, lostEvents: 0, repeated: 0, inFlight: 0, differs: '' };
  const sentThisRound = new Map<string, number>();
  const roundStart = proxy.log.length;
  proxy.onRequest = (request) => {
    if (request.path === '/v1/models') return;
    const seen = sentThisRound.get(request.key) ?? 0;
    if (seen > 0) {
      row.repeated += 1;
      // The first sending in this round (earlier rounds sent the same requests to their own databases).
      const earlier = proxy.log.slice(roundStart).find((r) => r.key === request.key && r !== request)!;
      const kill = killTimes.filter((t) => t >= earlier.arrivedAt)[0];
      repeats.push(`${request.role} (sent by segment ${earlier.segment}, ${earlier.endedAt === undefined || kill === undefined || earlier.endedAt >= kill ? 'open at the kill' : `answered ${kill - earlier.endedAt} ms before the kill`})`);
    }
    sentThisRound.set(request.key, seen + 1);
  };
  let final: CliResult | undefined;
  for (;;) {
    const runId = runIds(db)[0];
    const args = runId ? ['resume', runId, '--db', db, '--json'] : ['run', '--config', config, '--db', db, '--json'];
    const segmentStart = proxy.log.length;
    const child = startSegment(args);
    const mayKill = totals.kills < KILLS;
    if (mayKill) {
      // 20% of kills land anywhere from spawn (startup, migrations, fold, lease, RunResumed);
      // the rest at a random moment within 1.5 s of the process's first request to the model.
      const early = random() < 0.2;
      const delay = early ? uniform(0, 2500) : uniform(0, 1500);
      if (!early) {
        while (!child.exited && proxy.log.length === segmentStart) await sleep(5);
      }
      const deadline = Date.now() + delay;
      while (!child.exited && Date.now() < deadline) await sleep(Math.min(5, deadline - Date.now()));
    }
    if (mayKill && !child.exited) {
      watcher.check();
      // Same tick as the kill: requests open at the proxy now were in flight at the kill.
      child.child.kill('SIGKILL');
      killTimes.push(Date.now());
      const killedSegment = proxy.segment;
      const logAtKill = proxy.log.length;
      const killedAt = Date.now();
      const open = proxy.openRequests().filter((r) => r.path !== '/v1/models');
      open.push(...proxy.log.filter((r) => r.segment === killedSegment && r.path !== '/v1/models' && r.endedAt !== undefined && r.endedAt >= killedAt - DELIVERY_WINDOW_MS));
      const result = await child.done;
      if (result.signal !== 'SIGKILL' && result.code === 0) {
        // It had finished on its own in the instant before the signal: a completion, not a kill.
        killTimes.pop();
        final = result;
        break;
      }
      await sleep(50);
      // Requests of the killed process that reached the proxy after the signal was sent (already in
      // the socket when it died) were in flight at the kill too.
      open.push(...proxy.log.slice(logAtKill).filter((r) => r.segment === killedSegment && r.path !== '/v1/models'));
      proxy.segment = -1; // nothing is sent until the next segment starts
      totals.kills += 1;
      row.kills += 1;
      row.inFlight += open.length;
      if (result.signal !== 'SIGKILL') problems.push(`round ${round}: the kill did not end the process by SIGKILL (${result.code}/${result.signal})`);
      watcher.check();
      if (!(await verify(db, `kill ${totals.kills} (round ${round})`))) row.verifyFailures += 1;
      watcher.check();
      continue;
    }
    final = await child.done;
    if (final.code !== 0 && runId && /is completed/.test(final.stderr)) {
      // The last kill landed after the run had completed (while the process was closing): the
      // run is done, and its summary is what `remo runs --json` lists.
      const listed = await runRemo(['runs', '--db', db, '--json']);
      const summary = (JSON.parse(listed.stdout.trim().split('\n').at(-1) ?? '[]') as Array<{ runId: string }>).find((run) => run.runId === runId);
      if (listed.code === 0 && summary) final = { ...listed, stdout: `${JSON.stringify(summary)}\n` };
    }
    if (final.code !== 0) {
      problems.push(`round ${round}: ${args[0]} exited ${final.code} without a kill: ${final.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      break;
    }
    break;
  }
  proxy.onRequest = undefined;
  watcher.check();
  watcher.stop();
  row.lostEvents = watcher.lost();
  if (!(await verify(db, `round ${round} end`))) row.verifyFailures += 1;
  finishedRounds.push([round, row, db, final]);
  totals.verifyFailures += row.verifyFailures;
  totals.lostEvents += row.lostEvents;
  totals.repeated += row.repeated;
  totals.inFlight += row.inFlight;
  rows.push(row);
}

const reference = await referenceDone;
if (reference.code !== 0) throw new Error(`reference run failed (${reference.code}): ${reference.stderr}`);
const refRunId = runIds(refDb)[0]!;
const refLog = normalisedLog(streamEvents(refDb, refRunId), [refRunId]);
process.stdout.write(
  `reference run ${refRunId}: ${refLog.length} events, ${(reference.ms / 1000).toFixed(1)} s; ` +
    `val ${String(lastJsonLine(reference.stdout)?.val)} test ${String(lastJsonLine(reference.stdout)?.test)}\n`,
);
for (const [round, row, db, final] of finishedRounds) compareRound(round, row, db, final);

// ---------------------------------------------------------------------------------------------
// Kills during import, fork and rebuild (the three stages side by side; each calibrates its own
// duration first, under the same load as its kills).

const exported = join(work.dir, 'reference.jsonl');
const exportResult = await runRemo(['export', refRunId, '--db', refDb, '--out', exported]);
if (exportResult.code !== 0) throw new Error(`export failed: ${exportResult.stderr}`);
/** The export minus its header's `exportedAt` (the moment of the export, not the run). */
const exportBody = (text: string) => text.replace(/"exportedAt":"[^"]*",?/, '');
const exportedText = exportBody(readFileSync(exported, 'utf8'));

function copyDb(from: string, to: string): string {
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
  return to;
}

/** Spawns `args`, kills it at a random moment in [0, expectedMs]; retries (new draw) when it finished first. */
async function killDuring(args: string[], expectedMs: number): Promise<{ killed: boolean; result: CliResult }> {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const child = spawnRemo(args);
    const delay = uniform(0, expectedMs * (attempt === 0 ? 1 : 0.8 ** attempt));
    await Promise.race([child.done, sleep(delay)]);
    if (!child.exited) {
      child.child.kill('SIGKILL');
      return { killed: true, result: await child.done };
    }
    const result = await child.done;
    if (attempt === 3) return { killed: false, result };
  }
  throw new Error('unreachable');
}

async function opRow(what: string, run: (i: number) => Promise<{ killed: boolean; verified: boolean; differs?: string }>): Promise<void> {
  const row: Row = { what, kills: 0, verifyFailures: 0, lostEvents: 0, repeated: 0, inFlight: 0, differs: 'equal' };
  for (let i = 0; i < OP_KILLS; i += 1) {
    const outcome = await run(i);
    if (outcome.killed) {
      row.kills += 1;
      totals.kills += 1;
    }
    if (!outcome.verified) row.verifyFailures += 1;
    if (outcome.differs) {
      row.differs = 'DIFFERS';
      problems.push(`${what} #${i + 1}: ${outcome.differs}`);
    }
  }
  if (row.differs !== 'equal') totals.differing += 1;
  totals.verifyFailures += row.verifyFailures;
  rows.push(row);
}

// import: calibrate, then kill at a random moment of an import into a fresh database.
async function importStage(): Promise<void> {
const importCalibration = await runRemo(['import', exported, '--db', join(work.dir, 'import-calibration.db'), '--json']);
if (importCalibration.code !== 0) throw new Error(`import failed: ${importCalibration.stderr}`);
await opRow('import', async (i) => {
  const db = join(work.dir, `import${i}.db`);
  const { killed } = await killDuring(['import', exported, '--db', db, '--json'], importCalibration.ms);
  const verified = await verify(db, `kill during import #${i + 1}`);
  const redo = await runRemo(['import', exported, '--db', db, '--json']);
  if (redo.code !== 0) return { killed, verified, differs: `import after the kill exited ${redo.code}: ${redo.stderr.trim().split('\n').at(-1)}` };
  const verifiedAfter = await verify(db, `import #${i + 1} redone`);
  const again = join(work.dir, `import${i}.jsonl`);
  await runRemo(['export', refRunId, '--db', db, '--out', again]);
  const same = existsSync(again) && exportBody(readFileSync(again, 'utf8')) === exportedText;
  return { killed, verified: verified && verifiedAfter, ...(same ? {} : { differs: 'the re-imported run exports differently from the original' }) };
});

}

// fork: an uninterrupted fork of the reference from epoch 1 on a copy of its database, then kills.
async function forkStage(): Promise<void> {
const forkCalibrationDb = copyDb(refDb, join(work.dir, 'fork-calibration.db'));
const forkCalibration = await runRemo(['fork', refRunId, '--epoch', '1', '--db', forkCalibrationDb, '--json']);
if (forkCalibration.code !== 0) throw new Error(`fork failed: ${forkCalibration.stderr}`);
const forkRefId = runIds(forkCalibrationDb).find((id) => id !== refRunId)!;
const forkRefLog = normalisedLog(streamEvents(forkCalibrationDb, forkRefId), [forkRefId, refRunId]);
await opRow('fork', async (i) => {
  const db = copyDb(refDb, join(work.dir, `fork${i}.db`));
  const { killed } = await killDuring(['fork', refRunId, '--epoch', '1', '--db', db, '--json'], forkCalibration.ms);
  const verified = await verify(db, `kill during fork #${i + 1}`);
  let forkId = runIds(db).find((id) => id !== refRunId);
  const finish = forkId ? await runRemo(['resume', forkId, '--db', db, '--json']) : await runRemo(['fork', refRunId, '--epoch', '1', '--db', db, '--json']);
  forkId ??= runIds(db).find((id) => id !== refRunId);
  // A fork killed after it completed has nothing to resume; resume then says so (not a failure).
  const completed = forkId !== undefined && streamEvents(db, forkId).some((e) => e.type === 'RunCompleted');
  if (!completed) return { killed, verified, differs: `the fork did not complete after the kill (${finish.code}): ${finish.stderr.trim().split('\n').at(-1)}` };
  const verifiedAfter = await verify(db, `fork #${i + 1} finished`);
  const difference = firstDifference(forkRefLog, normalisedLog(streamEvents(db, forkId!), [forkId!, refRunId]));
  return { killed, verified: verified && verifiedAfter, ...(difference ? { differs: difference } : {}) };
});

}

// rebuild: same checksum after a killed rebuild and a redo as an uninterrupted one.
const checksumOf = (r: CliResult) => /checksum: (\S+)/.exec(r.stdout)?.[1];
async function rebuildStage(): Promise<void> {
const rebuildCalibration = await runRemo(['rebuild', '--db', copyDb(refDb, join(work.dir, 'rebuild-calibration.db'))]);
const refChecksum = checksumOf(rebuildCalibration);
if (rebuildCalibration.code !== 0 || !refChecksum) throw new Error(`rebuild failed: ${rebuildCalibration.stdout}${rebuildCalibration.stderr}`);
await opRow('rebuild', async (i) => {
  const db = copyDb(refDb, join(work.dir, `rebuild${i}.db`));
  const { killed } = await killDuring(['rebuild', '--db', db], rebuildCalibration.ms);
  const verified = await verify(db, `kill during rebuild #${i + 1}`);
  const redo = await runRemo(['rebuild', '--db', db]);
  const verifiedAfter = await verify(db, `rebuild #${i + 1} redone`);
  const checksum = checksumOf(redo);
  return { killed, verified: verified && verifiedAfter, ...(checksum === refChecksum ? {} : { differs: `rebuild checksum ${checksum} after the kill, ${refChecksum} uninterrupted` }) };
});
}

await Promise.all([importStage(), forkStage(), rebuildStage()]);

// ---------------------------------------------------------------------------------------------

const simStats = await sim.stats();
const proxied = proxy.log.length;
await proxy.close();
await sim.stop();

process.stdout.write(`\n${table(
  ['what', 'kills', 'verify failures', 'lost events', 'repeated', 'in flight', 'final log'],
  [...rows.map((r) => [r.what, r.kills, r.verifyFailures, r.lostEvents, r.repeated, r.inFlight, r.differs]),
    ['total', totals.kills, totals.verifyFailures, totals.lostEvents, totals.repeated, totals.inFlight, `${totals.differing} differing`]],
)}\n\n`);
process.stdout.write(
  `simulator /stats: ${simStats.requests} requests (the kill rounds' ${proxied} through the proxy, the rest the reference run's), max in flight ${simStats.maxInFlight}\n`,
);
if (repeats.length) process.stdout.write(`repeated requests: ${repeats.join('; ')}\n`);
for (const problem of problems) process.stdout.write(`PROBLEM: ${problem}\n`);
if (KEEP) process.stdout.write(`kept ${work.dir}\n`);
else work.cleanup();
process.stdout.write(`crash: ${totals.kills} kills, ${totals.verifyFailures} verify failures, ${totals.differing} runs differing, ${totals.repeated} repeated of ${totals.inFlight} in flight\n`);
process.exitCode = totals.verifyFailures > 0 || totals.differing > 0 || totals.repeated > totals.inFlight || totals.lostEvents > 0 ? 1 : 0;
