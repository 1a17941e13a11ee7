/**
 * A synthetic REMO run for the benchmarks, written through the real store (every projection,
 * run_timeline included), in the order, shapes, sizes and metadata the engine writes
 * (electron/core/engine/executeRun.ts `append`: `{ phase, epoch?, step?, durationMs? }`, one
 * append per phase). No model is called: answers, critiques and prompts are generated from the
 * built-in GSM8K items with a seeded generator, so the log is the same on every machine.
 *
 * Per run: RunStarted; seed-val (val SolverAnswered + EvaluationCompleted) and seed-test; the
 * epoch-0 close; per step forward (batch SolverAnswered + TrainBatchAnswered), notebook
 * (NotebookEntryWritten with a 384-d embedding + NotebookUpdated), critique, update
 * (PromptCandidateProposed), gate (val SolverAnswered + EvaluationCompleted + PromptAccepted, or
 * PromptRejected about one step in four), close-step; per epoch epoch-val (answers reused from the
 * gate, as the engine does), reflect, meta, close-epoch; then test, test-prompt-only, finish.
 */
import type { OpenedEventStore } from '../../../electron/core/store/openEventStore';
import { parseRunConfig } from '../../../electron/core/engine';
import { minibatchIds } from '../../../electron/core/engine/schedule';
import type { RunConfig } from '../../../shared/config/runConfig';
import type { DatasetItem } from '../../../shared/datasets/datasetItem';
import type { LoggedCall, NewRunEvent } from '../../../shared/events/run/runEventTypes';
import { encodeVector } from '../../../shared/fold/vectorCodec';
import { createSeededRandom } from '../../../shared/random/seededRandom';
import { builtinGsm8k } from '../../integration/engine/engineTestKit';

export interface SyntheticRunOptions {
  runId?: string;
  name?: string;
  /** The run has at least this many events (whole epochs are added until it does). Default 50,000. */
  minEvents?: number;
  /** Validation items: each gate scores all of them (one SolverAnswered each). Default 300. */
  val?: number;
  test?: number;
  train?: number;
  stepsPerEpoch?: number;
  batchSize?: number;
  seed?: number;
  /** A lighter event shape for the growth curves at 1M events: solver replies of ~60 characters. */
  light?: boolean;
}

export interface SyntheticRun {
  runId: string;
  config: RunConfig;
  /** Events in the run's stream (= its last stream position). */
  events: number;
  /** Global position of the run's last event. */
  lastPosition: number;
  epochs: number;
  buildMs: number;
}

type Meta = { phase: string; epoch?: number; step?: number };

const SENTENCES = [
  'Read the question twice and list every quantity it gives before computing anything.',
  'Write each intermediate result with its unit, and check that the units of the final answer match what is asked.',
  'When the question compares two amounts, compute both amounts before taking their difference.',
  'Percentages apply to the amount named right before them; convert them to fractions first.',
  'If a quantity changes several times, track it step by step in order instead of combining the changes.',
  'Rates multiply by time: distance = speed x time, work = rate x time; make sure both use the same unit.',
  'Before answering, re-read the last sentence of the question: answer exactly that quantity.',
  'Count inclusive ranges carefully: from 3 to 7 there are 5 numbers, not 4.',
  'For money, keep two decimals during the computation and round only at the end.',
  'When the question says "each", multiply by the number of items it applies to.',
  'Never reuse a number from an example or an earlier question; use only the numbers in this question.',
  'If the result is not a whole number where one is expected (people, items), re-check the previous step.',
];

const shortResponse = (_item: DatasetItem, predicted: string): string => `Step by step, the total is ${predicted}.\nAnswer: ${predicted}`;

const fullResponse = (item: DatasetItem, predicted: string): string => {
  const steps = (item.solution ?? item.question).replace(/<<[^>]*>>/g, '').split('\n').filter((line) => !line.startsWith('####'));
  const body = `Let's work through it step by step.\n${steps.join('\n')}`;
  return `${body.length < 400 ? body.padEnd(400, ' ') : body.slice(0, 900)}\nAnswer: ${predicted}`;
};

/** Appends a complete (RunCompleted) synthetic run of at least `minEvents` events to `store`. */
export function buildSyntheticRun(store: OpenedEventStore, options: SyntheticRunOptions = {}): SyntheticRun {
  const started = performance.now();
  const runId = options.runId ?? 'big';
  const val = options.val ?? 300;
  const test = options.test ?? 100;
  const train = options.train ?? 200;
  const steps = options.stepsPerEpoch ?? 8;
  const batch = options.batchSize ?? 3;
  const minEvents = options.minEvents ?? 50_000;
  const random = createSeededRandom(`synthetic:${options.seed ?? 7}:${runId}`);
  const response = options.light ? shortResponse : fullResponse;

  // Whole epochs until the run reaches minEvents (the schedule is fixed, so the count is exact).
  const perStep = (batch + 1) + 2 + 1 + 1 + (val + 2) + 1;
  const perEpoch = steps * perStep + 4;
  const head = 1 + (val + 1) + (test + 1) + 1;
  const tail = 2 * (test + 1) + 1;
  const epochs = Math.max(1, Math.ceil((minEvents - head - tail) / perEpoch));

  const dataset = builtinGsm8k();
  const items = [...dataset.train, ...(dataset.test ?? [])];
  const byId = new Map(items.map((item) => [item.id, item]));
  const pick = random.sample(dataset.train, train + val);
  const split = { train: pick.slice(0, train).map((i) => i.id), val: pick.slice(train).map((i) => i.id), test: random.sample(dataset.test ?? dataset.train, test).map((i) => i.id) };
  const config = parseRunConfig({
    name: options.name ?? `synthetic ${runId}`, method: 'remo', dataset: 'gsm8k', split: { train, val, test },
    epochs, stepsPerEpoch: steps, batchSize: batch, seed: options.seed ?? 7, validationGate: true, qCadence: 'epoch',
    endpoints: [{ name: 'sim', kind: 'simulator', baseURL: 'http://127.0.0.1:9/v1', model: 'remo-simulator', concurrency: 32, timeoutMs: 30_000 }],
  });

  let version = store.streamVersion(runId);
  const append = (events: NewRunEvent[], meta: Meta | null) => {
    const withMeta = events.map((e, i) => ({
      ...e,
      metadata: { ...(meta ?? {}), ...(meta && i === events.length - 1 ? { durationMs: 500 + random.int(20_000) } : {}) },
    }));
    version = store.append(runId, withMeta, { expectedVersion: version }).nextExpectedVersion;
  };
  const call = (role: string, promptTokens: number, completionTokens: number): LoggedCall => ({
    role, endpoint: role === 'embedder' ? 'builtin:lexical' : 'sim', model: role === 'embedder' ? 'lexical' : 'remo-simulator',
    promptTokens, completionTokens, latencyMs: 5 + random.int(2_000), attempts: role === 'embedder' ? 0 : 1, finishReason: 'stop', cached: false,
  });
  const item = (id: string) => byId.get(id)!;
  const requestKey = () => Array.from({ length: 32 }, () => '0123456789abcdef'[random.int(16)]).join('');

  // P evolves one sentence at a time (accepted or not), as the optimizer's edits do.
  let promptText = config.initialPrompt;
  let promptVersion = 0;
  let qText = config.initialOptimizerInstructions;
  let qVersion = 0;
  let acceptedVal: number;
  let entryId = 0;
  const notebookItems = new Map<string, { entryId: number; fails: number }>();

  /** One evaluation of `ids`: SolverAnswered each (unless reused) and EvaluationCompleted. */
  const evaluate = (label: 'seed-val' | 'seed-test' | 'gate-candidate' | 'epoch-val' | 'test' | 'test-prompt-only', ids: readonly string[],
    rate: number, epoch: number, step: number, pv: number, reused: boolean, withNotebook = true) => {
    const events: NewRunEvent[] = [];
    // Exactly round(rate x n) correct answers, on randomly chosen items.
    const right = new Set(random.sample(ids.map((_, i) => i), Math.round(Math.max(0, Math.min(1, rate)) * ids.length)));
    const marks = ids.map((_, i) => right.has(i));
    if (!reused) {
      ids.forEach((id, i) => {
        const it = item(id);
        const predicted = marks[i] ? it.answer : String(Number(it.answer) + 1 + random.int(9));
        events.push({ type: 'SolverAnswered', data: {
          itemId: id, purpose: 'eval', requestKey: requestKey(),
          retrieved: withNotebook && entryId > 0 ? [{ entryId: 1 + random.int(entryId), score: Math.round(random.next() * 1e6) / 1e6 }] : [],
          response: response(it, predicted), predicted, correct: marks[i]!, calls: [call('solver', 120 + random.int(250), 60 + random.int(180))],
        } });
      });
    }
    const correct = marks.filter(Boolean).length;
    events.push({ type: 'EvaluationCompleted', data: {
      label, epoch, step, split: label.includes('test') ? 'test' : 'val', promptVersion: pv, withNotebook, correct, total: ids.length,
      accuracy: correct / ids.length, items: ids.map((id, i) => ({ itemId: id, correct: marks[i]!, reused })),
      calls: withNotebook && entryId > 0 ? [call('embedder', 500, 0)] : [],
    } });
    return { events, accuracy: correct / ids.length };
  };

  append([{ type: 'RunStarted', data: {
    runId, config, dataset: { name: dataset.name, hash: dataset.hash, itemCount: items.length }, split,
    templates: config.templates, memory: null, simulated: true,
  } }], null);
  const seedVal = evaluate('seed-val', split.val, 0.62, 0, 0, 0, false);
  append(seedVal.events, { phase: 'seed-val' });
  acceptedVal = seedVal.accuracy;
  append(evaluate('seed-test', split.test, 0.6, 0, 0, 0, false).events, { phase: 'seed-test' });
  append([{ type: 'EpochCompleted', data: { epoch: 0, val: seedVal.accuracy, promptVersion: 0, optimizerVersion: 0, notebookSize: 0 } }], { phase: 'close-epoch', epoch: 0 });

  let lastVal = seedVal.accuracy;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const skill = Math.min(0.85, 0.62 + epoch * 0.012);
    for (let step = 1; step <= steps; step++) {
      const at = { epoch, step };
      // forward
      const ids = minibatchIds(config, split.train, epoch, step);
      const answers = ids.map((id, i) => {
        const it = item(id);
        const correct = i > 0 && random.next() < skill;
        const predicted = correct ? it.answer : String(Number(it.answer) * 2 + 1);
        return { id, it, correct, predicted, key: requestKey(), retrieved: entryId > 0 ? [{ entryId: 1 + random.int(entryId), score: Math.round(random.next() * 1e6) / 1e6 }] : [] };
      });
      append([
        ...answers.map((a): NewRunEvent => ({ type: 'SolverAnswered', data: {
          itemId: a.id, purpose: 'train', requestKey: a.key, retrieved: a.retrieved, response: response(a.it, a.predicted), predicted: a.predicted,
          correct: a.correct, calls: [call('solver', 130 + random.int(200), 50 + random.int(150))],
        } })),
        { type: 'TrainBatchAnswered', data: {
          epoch, step, items: answers.map((a) => ({ itemId: a.id, requestKey: a.key, correct: a.correct, predicted: a.predicted, retrieved: a.retrieved, reused: false })),
          calls: [call('embedder', 160, 0)],
        } },
      ], { phase: 'forward', ...at });
      // notebook: the first failure of the batch becomes (or refreshes) a lesson
      const failed = answers.find((a) => !a.correct)!;
      const known = notebookItems.get(failed.id);
      const id = known?.entryId ?? ++entryId;
      const failCount = (known?.fails ?? 0) + 1;
      notebookItems.set(failed.id, { entryId: id, fails: failCount });
      append([
        { type: 'NotebookEntryWritten', data: {
          entryId: id, merge: known ? 'same-item' : 'new', similarity: null, itemId: failed.id, question: failed.it.question, gold: failed.it.answer,
          predicted: failed.predicted, trace: response(failed.it, failed.predicted),
          lesson: `For problems like this one (${failed.it.question.split(' ').slice(0, 6).join(' ')}...), ${SENTENCES[random.int(SENTENCES.length)]!.toLowerCase()}`,
          failCount,
          ...(known ? {} : { embedding: encodeVector(Float32Array.from({ length: 384 }, (_, i) => Math.sin(i * 0.37 + id) * (random.next() < 0.2 ? 1 : 0))) }),
          epoch, step, calls: [call('lessonWriter', 230 + random.int(80), 40 + random.int(20))],
        } },
        { type: 'NotebookUpdated', data: { epoch, step, written: 1, resolved: 0, calls: [call('embedder', 59, 0)] } },
      ], { phase: 'notebook', ...at });
      // critique
      append([{ type: 'CritiqueWritten', data: {
        epoch, step, scope: 'failures',
        feedback: `The system prompt has a gap: ${answers.filter((a) => !a.correct).length} of ${answers.length} answers went wrong. ${SENTENCES[random.int(SENTENCES.length)]} ${SENTENCES[random.int(SENTENCES.length)]} The prompt should say so explicitly, in one short instruction, without mentioning this particular question.`,
        calls: [call('critic', 380 + random.int(100), 60 + random.int(60))],
      } }], { phase: 'critique', ...at });
      // update: one sentence added (the oldest added ones drop out past ~1,500 characters)
      const added = SENTENCES[random.int(SENTENCES.length)]!;
      let candidate = `${promptText}\n${added}`;
      while (candidate.length > 1_500) {
        const lines = candidate.split('\n');
        lines.splice(1, 1);
        candidate = lines.join('\n');
      }
      append([{ type: 'PromptCandidateProposed', data: {
        epoch, step, candidate, attempts: [{ reply: `I applied the most important point of the feedback.\n<IMPROVED_VARIABLE>${candidate}</IMPROVED_VARIABLE>`, ok: true }],
        calls: [call('optimizer', 350 + random.int(100), 90 + random.int(60))],
      } }], { phase: 'update', ...at });
      // gate: scored on val; about one candidate in four scores lower and is rejected
      const reject = random.next() < 0.25;
      const gate = evaluate('gate-candidate', split.val, reject ? acceptedVal - 0.04 : Math.min(0.9, acceptedVal + 0.003), epoch, step, promptVersion + 1, false);
      const accept = gate.accuracy >= acceptedVal;
      const decision: NewRunEvent = accept
        ? { type: 'PromptAccepted', data: { epoch, step, version: promptVersion + 1, text: candidate, gated: true, candidateVal: gate.accuracy, previousVal: acceptedVal } }
        : { type: 'PromptRejected', data: { epoch, step, candidate, candidateVal: gate.accuracy, acceptedVal, restoredVersion: promptVersion } };
      append([...gate.events, decision], { phase: 'gate', ...at });
      if (accept) {
        promptVersion += 1;
        promptText = candidate;
        acceptedVal = gate.accuracy;
      }
      lastVal = acceptedVal;
      append([{ type: 'StepCompleted', data: { epoch, step } }], { phase: 'close-step', ...at });
    }
    const epochVal = evaluate('epoch-val', split.val, lastVal, epoch, steps, promptVersion, true);
    append(epochVal.events, { phase: 'epoch-val', epoch });
    append([{ type: 'ReflectionWritten', data: {
      epoch, step: null, text: `Epoch ${epoch}: validation ${(epochVal.accuracy * 100).toFixed(1)}%. ${SENTENCES[random.int(SENTENCES.length)]} Recurring errors: unit slips and answering a different quantity than asked.`,
      calls: [call('reflector', 380, 40)],
    } }], { phase: 'reflect', epoch });
    qText = `${config.initialOptimizerInstructions}\nEmphasis after epoch ${epoch}: ${SENTENCES[random.int(SENTENCES.length)]}`;
    append([{ type: 'OptimizerInstructionsUpdated', data: { epoch, step: null, version: ++qVersion, text: qText, calls: [call('metaController', 390, 167)] } }], { phase: 'meta', epoch });
    append([{ type: 'EpochCompleted', data: { epoch, val: epochVal.accuracy, promptVersion, optimizerVersion: qVersion, notebookSize: entryId } }], { phase: 'close-epoch', epoch });
    lastVal = epochVal.accuracy;
  }
  const testEval = evaluate('test', split.test, lastVal - 0.02, epochs, 0, promptVersion, false);
  append(testEval.events, { phase: 'test' });
  const promptOnly = evaluate('test-prompt-only', split.test, lastVal - 0.05, epochs, 0, promptVersion, false, false);
  append(promptOnly.events, { phase: 'test-prompt-only' });
  append([{ type: 'RunCompleted', data: { val: lastVal, test: testEval.accuracy, testPromptOnly: promptOnly.accuracy } }], { phase: 'finish' });

  return { runId, config, events: version, lastPosition: store.lastGlobalPosition(), epochs, buildMs: performance.now() - started };
}

/**
 * `count` small finished runs (RunStarted, seed close, one epoch, RunCompleted), for the runs
 * list: each is a row of runs.list with a resolved config, status and accuracies.
 */
export function buildSmallRuns(store: OpenedEventStore, count: number): string[] {
  const random = createSeededRandom('small-runs');
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) {
    const runId = `run-${String(n).padStart(4, '0')}`;
    const method = n % 3 === 0 ? 'textgrad' : 'remo';
    const config = parseRunConfig({ name: `small run ${n}`, method, dataset: 'gsm8k', split: { train: 12, val: 9, test: 9 }, epochs: 1, stepsPerEpoch: 1, seed: n });
    const val = Math.round(random.next() * 9) / 9;
    const calls: LoggedCall[] = [{ role: 'solver', endpoint: 'sim', model: 'remo-simulator', promptTokens: 120, completionTokens: 80, latencyMs: 10, attempts: 1, finishReason: 'stop', cached: false }];
    store.append(runId, [
      { type: 'RunStarted', data: { runId, config, dataset: { name: 'gsm8k', hash: 'h'.repeat(64), itemCount: 30 },
        split: { train: Array.from({ length: 12 }, (_, i) => `t${i}`), val: Array.from({ length: 9 }, (_, i) => `v${i}`), test: Array.from({ length: 9 }, (_, i) => `x${i}`) },
        templates: config.templates, memory: null, simulated: true } },
      { type: 'EpochCompleted', data: { epoch: 0, val, promptVersion: 0, optimizerVersion: 0, notebookSize: 0 }, metadata: { phase: 'close-epoch', epoch: 0 } },
      { type: 'SolverAnswered', data: { itemId: 't0', purpose: 'train', requestKey: `k${n}`, retrieved: [], response: 'Answer: 1', predicted: '1', correct: true, calls }, metadata: { phase: 'forward', epoch: 1, step: 1 } },
      { type: 'EpochCompleted', data: { epoch: 1, val, promptVersion: 0, optimizerVersion: 0, notebookSize: 0 }, metadata: { phase: 'close-epoch', epoch: 1 } },
      { type: 'RunCompleted', data: { val, test: val, testPromptOnly: method === 'remo' ? val : null }, metadata: { phase: 'finish' } },
    ], { expectedVersion: 0 });
    ids.push(runId);
  }
  return ids;
}
