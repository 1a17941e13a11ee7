/**
 * Store benchmark: `npm run bench:store [-- --events N --fold-events N --single N]` (`--tiny`: 20,000 /
 * 5,000 / 2,000, a few seconds). Last line: `store: batched appends N events/s, rebuild N events/s, ...`.
 * Prints figures with their targets and PASS/MISS; it is not a timed test. ~1 KB payloads.
 *  - single-event appends/s (one transaction each)
 *  - batched appends/s (100 events per transaction)      target >= 50,000 events/s
 *  - full rebuild through a realistic projection          target >= 100,000 events/s
 *  - read + fold a 50,000-event run to a random position  target <= 50 ms (worst of the samples)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Statement } from 'better-sqlite3';
import type { NewEvent, StoredEvent } from '../../shared/events/envelope';
import type { Db } from '../../electron/core/store/types';
import { openEventStore } from '../../electron/core/store/openEventStore';
import { EventRegistry } from '../../electron/core/store/eventRegistry';
import type { Projection } from '../../electron/core/projections/projection';
import { rebuildProjections } from '../../electron/core/projections/rebuildProjections';
import { CheckpointedFold } from '../../electron/core/store/checkpointedFold';
import { BenchRecorder } from './support/benchResult';

const recorder = new BenchRecorder('store');

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: recorder.tiny ? '20000' : '1000000' },
    'fold-events': { type: 'string', default: recorder.tiny ? '5000' : '50000' },
    single: { type: 'string', default: recorder.tiny ? '2000' : '20000' },
    seed: { type: 'string', default: '42' },
    tiny: { type: 'boolean', default: false },
  },
});
const REBUILD_EVENTS = Number(args.events);
const FOLD_EVENTS = Number(args['fold-events']);
const SINGLE_EVENTS = Number(args.single);
const BATCH = 100;
const STREAMS = 100;

/** mulberry32: a seeded PRNG so fold positions are reproducible. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seededRandom(Number(args.seed));

const PROMPT = 'Solve the grade-school math problem step by step, then give the final answer after ####. '.repeat(10).slice(0, 880);
/** An event of about 1 KB once stored (data + metadata JSON). */
function payload(i: number): NewEvent {
  return {
    type: i % 5 === 0 ? 'PromptUpdated' : 'AnswerScored',
    data: { prompt: PROMPT, itemId: `gsm8k-${i % 7473}`, correct: i % 3 !== 0, score: (i % 100) / 100, step: i },
    metadata: { step: Math.floor(i / 10), epoch: Math.floor(i / 1000), correlationId: `c-${i}` },
  };
}

const registry = new EventRegistry().register({ type: 'PromptUpdated', version: 1 }).register({ type: 'AnswerScored', version: 1 });

/** Prepared once per connection (and again after truncate drops the tables), as a real projection would. */
const preparedFor = new WeakMap<Db, { promptVersion: Statement; answer: Statement }>();
function metricStatements(db: Db) {
  let statements = preparedFor.get(db);
  if (!statements) {
    statements = {
      promptVersion: db.prepare('INSERT INTO bench_prompt_versions (run_id, position, length) VALUES (?, ?, ?)'),
      answer: db.prepare(
        `INSERT INTO bench_run_metrics VALUES (?, 1, ?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET answers = answers + 1,
         correct = correct + excluded.correct, score_sum = score_sum + excluded.score_sum, last_step = excluded.last_step,
         last_position = excluded.last_position`,
      ),
    };
    preparedFor.set(db, statements);
  }
  return statements;
}

/** A realistic read model: per-run metrics (upsert) and one row per prompt version. */
const runMetrics: Projection = {
  name: 'bench_run_metrics',
  version: 1,
  handles: ['AnswerScored', 'PromptUpdated'],
  tables: ['bench_run_metrics', 'bench_prompt_versions'],
  init(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS bench_run_metrics (run_id TEXT PRIMARY KEY, answers INTEGER NOT NULL, correct INTEGER NOT NULL,
        score_sum REAL NOT NULL, last_step INTEGER NOT NULL, last_position INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS bench_prompt_versions (run_id TEXT NOT NULL, position INTEGER NOT NULL, length INTEGER NOT NULL,
        PRIMARY KEY (run_id, position));
    `);
  },
  apply(db, event) {
    const data = event.data as { prompt: string; correct: boolean; score: number; step: number };
    const statements = metricStatements(db);
    if (event.type === 'PromptUpdated') {
      statements.promptVersion.run(event.streamId, event.globalPosition, data.prompt.length);
      return;
    }
    statements.answer.run(event.streamId, data.correct ? 1 : 0, data.score, data.step, event.globalPosition);
  },
  truncate(db) {
    db.exec('DROP TABLE IF EXISTS bench_run_metrics; DROP TABLE IF EXISTS bench_prompt_versions;');
    preparedFor.delete(db); // statements on dropped tables are invalid
  },
};

/** The kind of pure fold time travel does: state of a run at a position. */
interface FoldState {
  prompt: string;
  answers: number;
  correct: number;
  accuracy: number;
}
function evolveFold(state: FoldState, event: StoredEvent): FoldState {
  const data = event.data as { prompt: string; correct: boolean };
  if (event.type === 'PromptUpdated') state.prompt = data.prompt;
  else {
    state.answers += 1;
    if (data.correct) state.correct += 1;
    state.accuracy = state.correct / state.answers;
  }
  return state;
}
function foldRun(events: Iterable<StoredEvent>): FoldState {
  let state: FoldState = { prompt: '', answers: 0, correct: 0, accuracy: 0 };
  for (const event of events) state = evolveFold(state, event);
  return state;
}

interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: { op: '>=' | '<='; value: number };
}
const figures: Figure[] = [];
function report(figure: Figure): void {
  figures.push(figure);
  if (!figure.name.startsWith('  ')) recorder.figure({ ...figure, name: `store: ${figure.name}` });
  const verdict = figure.target
    ? (figure.target.op === '>=' ? figure.value >= figure.target.value : figure.value <= figure.target.value) ? 'PASS' : 'MISS'
    : '';
  const target = figure.target ? `target ${figure.target.op} ${figure.target.value.toLocaleString('en-US')} ${figure.unit}` : 'no target';
  console.log(`${figure.name.padEnd(44)} ${figure.value.toLocaleString('en-US', { maximumFractionDigits: 1 }).padStart(12)} ${figure.unit.padEnd(9)} ${target.padEnd(32)} ${verdict}`);
}
const seconds = (fromMs: number) => (performance.now() - fromMs) / 1000;

const dir = mkdtempSync(join(tmpdir(), 'remo-bench-'));
const totalStarted = performance.now();
try {
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`store bench: node ${process.version}, ${cpus().length} cpu (${cpus()[0]?.model ?? '?'}), ` +
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), payload ~${JSON.stringify(payload(1).data).length + JSON.stringify(payload(1).metadata).length} B`);
  console.log(`events for rebuild: ${REBUILD_EVENTS.toLocaleString('en-US')}, fold run: ${FOLD_EVENTS.toLocaleString('en-US')}, single appends: ${SINGLE_EVENTS.toLocaleString('en-US')}\n`);

  const store = openEventStore({ path: join(dir, 'bench.db'), registry, projections: [runMetrics] });

  // Single-event appends: one transaction (and one inline projection update) per event.
  let started = performance.now();
  for (let i = 0; i < SINGLE_EVENTS; i++) store.append(`single-${i % STREAMS}`, [payload(i)], { expectedVersion: 'any' });
  report({ name: 'single-event appends', value: SINGLE_EVENTS / seconds(started), unit: 'events/s' });

  // Batched appends: 100 events per transaction, across runs, until the log holds REBUILD_EVENTS.
  const batchedCount = Math.max(0, REBUILD_EVENTS - SINGLE_EVENTS - FOLD_EVENTS);
  const batch = Array.from({ length: BATCH }, (_, i) => payload(i));
  started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let done = 0; done < batchedCount; done += BATCH) {
    store.append(`batched-${(done / BATCH) % STREAMS}`, batch.slice(0, Math.min(BATCH, batchedCount - done)), { expectedVersion: 'any' });
  }
  const cpu = process.cpuUsage(cpuBefore);
  report({ name: `batched appends (${BATCH}/transaction)`, value: batchedCount / seconds(started), unit: 'events/s', target: { op: '>=', value: 50_000 } });
  // Context for a shared machine: the same work per second of this process's own CPU time.
  report({ name: '  same, per CPU-second of this process', value: batchedCount / ((cpu.user + cpu.system) / 1e6), unit: 'events/s' });

  // The run to fold: FOLD_EVENTS events in one stream.
  for (let done = 0; done < FOLD_EVENTS; done += BATCH) {
    store.append('fold-run', Array.from({ length: Math.min(BATCH, FOLD_EVENTS - done) }, (_, i) => payload(done + i)), { expectedVersion: 'any' });
  }
  const total = store.lastGlobalPosition();

  // Full rebuild of every event through the projection.
  started = performance.now();
  const rebuilt = rebuildProjections(store.db, store, [runMetrics]);
  report({ name: `rebuild of ${total.toLocaleString('en-US')} events`, value: rebuilt.appliedEvents / seconds(started), unit: 'events/s', target: { op: '>=', value: 100_000 } });

  // Time travel: state of the run at random positions (and at its very end, the worst case).
  const foldEvents = store.readOwnEvents('fold-run');
  const positions = [foldEvents[foldEvents.length - 1]!.globalPosition];
  for (let i = 0; i < 20; i++) positions.push(foldEvents[Math.floor(random() * foldEvents.length)]!.globalPosition);
  const timeFolds = (foldTo: (position: number) => unknown) => {
    const timings = positions.map((position) => {
      const t = performance.now();
      foldTo(position);
      return performance.now() - t;
    });
    return { median: [...timings].sort((a, b) => a - b)[Math.floor(timings.length / 2)]!, worst: Math.max(...timings) };
  };
  const runLabel = `${FOLD_EVENTS.toLocaleString('en-US')}-event run`;
  foldRun(store.readStream('fold-run', { toGlobalPosition: positions[1] })); // warm the page cache once

  // 1. Naive: materialise readStream(to) and fold it.
  const naive = timeFolds((position) => foldRun(store.readStream('fold-run', { toGlobalPosition: position })));
  report({ name: `naive fold (readStream) ${runLabel}: median`, value: naive.median, unit: 'ms' });
  report({ name: `naive fold (readStream) ${runLabel}: worst`, value: naive.worst, unit: 'ms', target: { op: '<=', value: 50 } });

  // 2. Streaming: the same fold over iterateStream (paged, one page alive at a time).
  const streaming = timeFolds((position) => foldRun(store.iterateStream('fold-run', { toGlobalPosition: position })));
  report({ name: `streaming fold (iterateStream): median`, value: streaming.median, unit: 'ms' });
  report({ name: `streaming fold (iterateStream): worst`, value: streaming.worst, unit: 'ms', target: { op: '<=', value: 50 } });

  // 3. Checkpointed: CheckpointedFold keeps a state every 1,000 events; the first fold of the run pays in full.
  const checkpointed = new CheckpointedFold<FoldState>(store, {
    initial: () => ({ prompt: '', answers: 0, accuracy: 0, correct: 0 }),
    evolve: (state, event) => evolveFold(state, event),
    clone: (state) => ({ ...state }),
  });
  const t = performance.now();
  checkpointed.stateAt('fold-run');
  report({ name: 'checkpointed fold: first (cold) fold of the run', value: performance.now() - t, unit: 'ms' });
  const warm = timeFolds((position) => checkpointed.stateAt('fold-run', position));
  report({ name: 'checkpointed fold to any position: median', value: warm.median, unit: 'ms' });
  report({ name: 'checkpointed fold to any position: worst', value: warm.worst, unit: 'ms', target: { op: '<=', value: 50 } });
  const check = checkpointed.stateAt('fold-run', positions[3]);
  const reference = foldRun(store.readStream('fold-run', { toGlobalPosition: positions[3] }));
  if (check.answers !== reference.answers || check.prompt !== reference.prompt) throw new Error('checkpointed fold differs from the naive fold');

  const dbBytes = statSync(join(dir, 'bench.db')).size;
  store.close();
  console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`\ndatabase ${(dbBytes / 2 ** 20).toFixed(0)} MiB, total bench time ${seconds(totalStarted).toFixed(1)} s`);
  const value = (prefix: string) => figures.find((f) => f.name.startsWith(prefix))?.value ?? NaN;
  recorder.finish(`store: batched appends ${Math.round(value('batched appends'))} events/s, rebuild ${Math.round(value('rebuild of'))} events/s, ` +
    `checkpointed fold worst ${value('checkpointed fold to any position: worst').toFixed(1)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
