/**
 * The fold: one event in, the next state out. Deterministic and free of I/O, so folding a run's
 * log gives the same state whether the run is live, resumed, forked or scrubbed in time.
 * For speed it updates the accumulator in place: callers own the state they fold into.
 */
import type { UsageTotals } from '../api/runViews';
import { answeredBySimulator } from '../events/run/callRecord';
import type { RunConfig } from '../config/runConfig';
import type { LoggedCall, RunEvent } from '../events/run/runEventTypes';
import { emptyUsage, type NotebookEntryState, type RunState } from './runState';

export interface FoldOptions {
  /** Keep the requestKey -> answer index (the engine needs it; views do not). Default true. */
  trackAnswers?: boolean;
  /**
   * Cross-run memory: the source run's state at a position. Called on a RunStarted that names one;
   * must itself be a pure read of the log.
   */
  memorySource?: (fromRunId: string, position: number) => RunState;
}

function addUsage(target: UsageTotals, call: LoggedCall): void {
  target.calls += 1;
  if (call.cached) target.cachedCalls += 1;
  // `?? 0`: snapshots written before the field existed lack it.
  if (call.estimated) target.estimatedCalls = (target.estimatedCalls ?? 0) + 1;
  target.promptTokens += call.promptTokens;
  target.completionTokens += call.completionTokens;
  target.latencyMs += call.latencyMs;
}

function countCalls(state: RunState, calls: readonly LoggedCall[] | undefined): void {
  for (const call of calls ?? []) {
    addUsage(state.usage, call);
    addUsage((state.usageByRole[call.role] ??= emptyUsage()), call);
    if (!call.cached) {
      state.billed.calls += 1;
      state.billed.tokens += call.promptTokens + call.completionTokens;
    }
  }
}

function copyEntry(entry: NotebookEntryState): NotebookEntryState {
  return { ...entry, itemIds: [...entry.itemIds] };
}

/** Applies one event of the run's logical stream to `state` and returns it. */
export function evolveRun(state: RunState, event: RunEvent, options: FoldOptions = {}): RunState {
  state.position = event.globalPosition;
  state.eventCount += 1;
  const data = event.data as { calls?: LoggedCall[] };
  countCalls(state, data.calls);
  // Labelled by who answered, not by what the config claims: a `vllm` endpoint can be the simulator.
  if (answeredBySimulator(data.calls)) state.simulated = state.simulatorAnswered = true;
  const durationMs = event.metadata?.durationMs;
  if (typeof durationMs === 'number') state.workMs += durationMs;
  if (event.type !== 'PhaseFailed') state.phaseFailures = 0;
  const c = state.cursor;
  switch (event.type) {
    case 'RunStarted': {
      const d = event.data;
      state.config = d.config;
      state.datasetHash = d.dataset.hash;
      state.datasetName = d.dataset.name;
      state.split = d.split;
      state.templates = d.templates;
      state.simulated = d.simulated;
      state.createdAt = event.recordedAt;
      state.prompt = { version: 0, text: d.config.initialPrompt };
      state.optimizerInstructions = { version: 0, text: d.config.initialOptimizerInstructions };
      state.cursor = { epoch: 0, step: 0, stage: 'begin' };
      if (d.memory && options.memorySource) {
        const source = options.memorySource(d.memory.fromRunId, d.memory.position);
        if (d.memory.notebook) {
          for (const entry of source.notebook.values()) state.notebook.set(entry.entryId, copyEntry(entry));
          state.nextEntryId = source.nextEntryId;
        }
        if (d.memory.optimizerInstructions) state.optimizerInstructions = { version: 0, text: source.optimizerInstructions.text };
      }
      break;
    }
    case 'RunForked': {
      // The fork inherits everything folded so far (the parent's prefix); only config and identity change.
      forgetChangedEndpoints(state, event.data.config);
      state.config = event.data.config;
      // The fork continues from the parent's prompts and notebook: simulated parents make simulated forks.
      state.simulatorAnswered ||= state.simulated;
      state.simulated = event.data.simulated || state.simulatorAnswered;
      state.parentRunId = event.data.parentRunId;
      state.parentPosition = event.data.parentPosition;
      state.createdAt = event.recordedAt;
      state.status = 'running';
      state.statusReason = null;
      state.usage = emptyUsage();
      state.usageByRole = {};
      state.billed = { calls: 0, tokens: 0 };
      state.workMs = 0;
      if (c.stage === 'test' || c.stage === 'test-prompt-only' || c.stage === 'done') {
        // Forked from a finished run: back to the end of its last epoch, so the fork trains on when
        // it adds epochs (and re-tests, reusing the logged answers, when it does not).
        state.cursor = { epoch: state.metrics.at(-1)?.epoch ?? c.epoch, step: 0, stage: 'epoch-done' };
      }
      break;
    }
    case 'SolverAnswered': {
      if (options.trackAnswers !== false) {
        const d = event.data;
        state.answers.set(d.requestKey, { response: d.response, predicted: d.predicted, correct: d.correct });
      }
      break;
    }
    case 'TrainBatchAnswered': {
      const d = event.data;
      state.cursor = { epoch: d.epoch, step: d.step, stage: 'forward' };
      state.candidate = null;
      state.lastFeedback = null;
      state.lastCritique = null;
      // The lessons as the forward pass showed them: the notebook phase may refresh them next.
      state.lastTrain = d.items.map((item) => ({
        itemId: item.itemId, requestKey: item.requestKey, correct: item.correct, predicted: item.predicted, retrieved: item.retrieved,
        response: state.answers.get(item.requestKey)?.response ?? '',
        lessons: item.retrieved.flatMap((r) => { const e = state.notebook.get(r.entryId); return e ? [{ lesson: e.lesson, question: e.question, gold: e.gold, predicted: e.predicted }] : []; }),
      }));
      state.epochSteps.push({ step: d.step, failures: d.items.filter((i) => !i.correct).length, total: d.items.length, feedback: null, outcome: 'no update' });
      break;
    }
    case 'NotebookEntryWritten': {
      const d = event.data;
      state.notebookRevision = (state.notebookRevision ?? 0) + 1;
      const existing = state.notebook.get(d.entryId);
      if (existing) {
        if (!existing.itemIds.includes(d.itemId)) existing.itemIds.push(d.itemId);
        Object.assign(existing, { predicted: d.predicted, trace: d.trace, lesson: d.lesson, failCount: d.failCount, resolved: false, updatedAt: event.globalPosition });
      } else {
        state.notebook.set(d.entryId, {
          entryId: d.entryId, itemId: d.itemId, itemIds: [d.itemId], question: d.question, gold: d.gold, predicted: d.predicted,
          trace: d.trace, lesson: d.lesson, failCount: d.failCount, resolved: false, embedding: d.embedding ?? null,
          createdAt: event.globalPosition, updatedAt: event.globalPosition,
        });
        state.nextEntryId = Math.max(state.nextEntryId, d.entryId + 1);
      }
      break;
    }
    case 'NotebookEntryResolved': {
      const entry = state.notebook.get(event.data.entryId);
      if (entry) Object.assign(entry, { resolved: true, updatedAt: event.globalPosition });
      break;
    }
    case 'NotebookUpdated':
      state.cursor = { epoch: event.data.epoch, step: event.data.step, stage: 'notebook' };
      break;
    case 'CritiqueWritten': {
      state.cursor = { epoch: event.data.epoch, step: event.data.step, stage: 'critique' };
      state.lastFeedback = event.data.feedback;
      state.lastCritique = event.data.perItem?.map((p) => ({ itemId: p.itemId, promptFeedback: p.promptFeedback })) ?? null;
      const note = state.epochSteps.at(-1);
      if (note) note.feedback = event.data.feedback;
      break;
    }
    case 'CritiqueSkipped':
      // Nothing to learn from: the step skips its update.
      state.cursor = { epoch: event.data.epoch, step: event.data.step, stage: 'update' };
      state.candidate = null;
      state.lastCritique = null;
      break;
    case 'PromptCandidateProposed':
      state.cursor = { epoch: event.data.epoch, step: event.data.step, stage: 'update' };
      state.candidate = event.data.candidate;
      break;
    case 'PromptUpdateFailed': {
      state.cursor = { epoch: event.data.epoch, step: event.data.step, stage: 'update' };
      state.candidate = null;
      const note = state.epochSteps.at(-1);
      if (note) note.outcome = `update failed: ${event.data.reason}`;
      break;
    }
    case 'PromptAccepted': {
      const d = event.data;
      state.prompt = { version: d.version, text: d.text };
      state.candidate = null;
      if (d.gated) {
        state.cursor = { epoch: d.epoch, step: d.step, stage: 'gate' };
        state.acceptedVal = d.candidateVal;
        state.acceptedValNotebook = state.notebookRevision;
      }
      const note = state.epochSteps.at(-1);
      if (note) note.outcome = d.gated ? `accepted as v${d.version} (val ${fmt(d.previousVal)} -> ${fmt(d.candidateVal)})` : `accepted as v${d.version}`;
      break;
    }
    case 'PromptRejected': {
      const d = event.data;
      state.cursor = { epoch: d.epoch, step: d.step, stage: 'gate' };
      state.candidate = null;
      state.acceptedVal = d.acceptedVal;
      // The gate scores both prompts with the notebook as it is now (gatePhase re-measures a stale baseline).
      state.acceptedValNotebook = state.notebookRevision;
      const note = state.epochSteps.at(-1);
      if (note) note.outcome = `rejected by the gate (val ${fmt(d.acceptedVal)} -> ${fmt(d.candidateVal)}), kept v${d.restoredVersion}`;
      break;
    }
    case 'EvaluationCompleted': {
      const d = event.data;
      switch (d.label) {
        case 'seed-val':
          state.accuracies.seedVal = d.accuracy;
          state.acceptedVal = d.accuracy;
          state.acceptedValNotebook = state.notebookRevision;
          state.cursor = { epoch: 0, step: 0, stage: 'seed-val' };
          break;
        case 'seed-test':
          state.accuracies.seedTest = d.accuracy;
          // Older logs have it right after seed-val, as a step of the schedule. Now it is measured
          // in the background and lands later (before close-epoch 1): the schedule has moved on.
          if (c.stage === 'seed-val') state.cursor = { epoch: 0, step: 0, stage: 'seed-test' };
          break;
        case 'gate-baseline':
          state.acceptedVal = d.accuracy;
          state.acceptedValNotebook = state.notebookRevision;
          break;
        case 'val-prompt-only':
          state.accuracies.valPromptOnly = d.accuracy;
          break;
        case 'gate-candidate':
          break;
        case 'epoch-val':
          state.accuracies.val = d.accuracy;
          state.acceptedVal = d.accuracy;
          state.acceptedValNotebook = state.notebookRevision;
          state.cursor = { epoch: d.epoch, step: c.step, stage: 'epoch-val' };
          break;
        case 'test':
          state.accuracies.test = d.accuracy;
          if (!d.withNotebook) state.accuracies.testPromptOnly = d.accuracy;
          state.cursor = { epoch: c.epoch, step: c.step, stage: 'test' };
          break;
        case 'test-prompt-only':
          state.accuracies.testPromptOnly = d.accuracy;
          state.cursor = { epoch: c.epoch, step: c.step, stage: 'test-prompt-only' };
          break;
      }
      break;
    }
    case 'StepCompleted':
      state.cursor = { epoch: event.data.epoch, step: event.data.step, stage: 'step-done' };
      break;
    case 'ReflectionWritten':
      state.lastReflection = event.data.text;
      state.cursor = { epoch: event.data.epoch, step: event.data.step ?? c.step, stage: event.data.step === null ? 'reflect' : 'step-reflect' };
      break;
    case 'OptimizerInstructionsUpdated':
      state.optimizerInstructions = { version: event.data.version, text: event.data.text };
      state.cursor = { epoch: event.data.epoch, step: event.data.step ?? c.step, stage: event.data.step === null ? 'meta' : 'step-meta' };
      break;
    case 'OptimizerInstructionsRejected':
      state.cursor = { epoch: event.data.epoch, step: event.data.step ?? c.step, stage: event.data.step === null ? 'meta' : 'step-meta' };
      break;
    case 'EpochCompleted': {
      const d = event.data;
      state.cursor = { epoch: d.epoch, step: 0, stage: 'epoch-done' };
      const valPromptOnly = d.valPromptOnly ?? null;
      state.metrics.push({ epoch: d.epoch, val: d.val, valPromptOnly, promptVersion: d.promptVersion, optimizerVersion: d.optimizerVersion, notebookSize: d.notebookSize, position: event.globalPosition });
      // Strictly better replaces: on ties the earliest checkpoint (the cheaper prompt history) stays.
      if (d.val !== null && (!state.bestVal || d.val > state.bestVal.accuracy)) {
        state.bestVal = {
          epoch: d.epoch, step: c.step, accuracy: d.val, promptOnly: valPromptOnly, promptVersion: d.promptVersion,
          optimizerVersion: d.optimizerVersion, position: event.globalPosition,
        };
      }
      state.epochSteps = [];
      break;
    }
    case 'RunCompleted':
      state.cursor = { ...c, stage: 'done' };
      state.status = 'completed';
      state.statusReason = null;
      break;
    case 'RunPaused':
      state.status = 'paused';
      state.statusReason = event.data.reason;
      break;
    case 'RunResumed':
      state.status = 'running';
      state.statusReason = null;
      break;
    case 'RunStopped':
      state.status = 'stopped';
      state.statusReason = event.data.reason;
      break;
    case 'RunFailed':
      state.status = 'failed';
      state.statusReason = event.data.reason;
      break;
    case 'PhaseFailed':
      state.phaseFailures += 1;
      break;
    case 'RunReconfigured':
      // New endpoints from here on; P, Q, notebook and schedule position are untouched.
      forgetChangedEndpoints(state, event.data.config);
      state.config = event.data.config;
      state.simulated = event.data.simulated || state.simulatorAnswered;
      break;
    case 'ModelFactsRecorded': {
      // A later record (a fork that changed endpoints) replaces the facts of the endpoints it names.
      const named = new Set(event.data.endpoints.map((e) => e.name));
      state.modelFacts = {
        endpoints: [...state.modelFacts.endpoints.filter((e) => !named.has(e.name)), ...event.data.endpoints],
        embedder: event.data.embedder ?? state.modelFacts.embedder,
      };
      break;
    }
    case 'ContextCondensed':
      // Its calls are counted above; the condensed text lives in the event for the views.
      break;
  }
  return state;
}

/**
 * Context windows recorded for endpoints that `next` moves (another URL or model, another
 * configured window) or drops no longer hold: forget them, so the engine asks again. The
 * embedder's facts stay: the notebook's vectors keep their size, and a different size is refused.
 */
function forgetChangedEndpoints(state: RunState, next: RunConfig): void {
  const before = state.config?.endpoints ?? [];
  state.modelFacts = {
    ...state.modelFacts,
    endpoints: state.modelFacts.endpoints.filter((fact) => {
      const was = before.find((e) => e.name === fact.name);
      const is = next.endpoints.find((e) => e.name === fact.name);
      return was !== undefined && is !== undefined && was.baseURL === is.baseURL && was.model === is.model && was.contextTokens === is.contextTokens;
    }),
  };
}

function fmt(value: number | null): string {
  return value === null ? '?' : `${(value * 100).toFixed(1)}%`;
}
