/**
 * The engine's view of a run at one point of its log: everything `decide` needs to pick the next
 * phase, and everything the read views show. Built only by `evolveRun` (pure), so the same fold
 * serves resume, time travel and fork.
 */
import type { RunConfig } from '../config/runConfig';
import type { BestValCheckpoint, EpochMetric, RunStatus, UsageTotals } from '../api/runViews';
import type { ModelFactsRecordedData, Retrieved, SplitIds } from '../events/run/runEventTypes';
import type { LessonForPrompt } from '../prompts/solverMessages';

/** The last completed stage of the schedule; `decide` derives the next one from it. */
export type Stage =
  | 'none' | 'begin' | 'seed-val' | 'seed-test' | 'epoch-done'
  | 'forward' | 'notebook' | 'critique' | 'update' | 'gate' | 'step-reflect' | 'step-meta' | 'step-done'
  | 'epoch-val' | 'reflect' | 'meta' | 'test' | 'test-prompt-only' | 'done';

export interface Cursor { epoch: number; step: number; stage: Stage }

export interface NotebookEntryState {
  entryId: number;
  /** The item that created the entry. */
  itemId: string;
  /** Every item whose failure was merged into the entry: retrieval for any of them excludes it. */
  itemIds: string[];
  question: string;
  gold: string;
  predicted: string | null;
  trace: string;
  lesson: string;
  failCount: number;
  resolved: boolean;
  /** Base64 Float32 vector of `question` (kept from creation). */
  embedding: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface LoggedAnswer { response: string; predicted: string | null; correct: boolean }

export interface TrainAnswer {
  itemId: string;
  requestKey: string;
  correct: boolean;
  predicted: string | null;
  response: string;
  retrieved: Retrieved[];
  /** The lessons the solver was shown, as they read at the forward pass (before the notebook phase refreshed any). */
  lessons: LessonForPrompt[];
}

export interface EpochStepNote {
  step: number;
  failures: number;
  total: number;
  feedback: string | null;
  outcome: string;
}

export interface RoleUsage extends UsageTotals { role: string }

export interface RunState {
  runId: string;
  /** Global position folded up to (inclusive). */
  position: number;
  config: RunConfig | null;
  datasetHash: string;
  datasetName: string;
  split: SplitIds;
  templates: Record<string, string>;
  simulated: boolean;
  /**
   * Some call of the run's logical history (a fork's parent prefix included) was answered by the
   * simulator, or the run forks a simulated one. Sticky: new endpoints cannot make those answers real.
   */
  simulatorAnswered: boolean;
  parentRunId: string | null;
  parentPosition: number | null;
  createdAt: string;
  status: RunStatus;
  statusReason: string | null;
  cursor: Cursor;
  prompt: { version: number; text: string };
  optimizerInstructions: { version: number; text: string };
  /** The val accuracy of the accepted prompt as last measured (the gate's baseline). */
  acceptedVal: number | null;
  /** `notebookRevision` when `acceptedVal` was measured: the gate re-measures when the notebook changed since. */
  acceptedValNotebook: number | null;
  /** Number of notebook writes folded so far: changes whenever retrieval may return something else. */
  notebookRevision: number;
  candidate: string | null;
  lastFeedback: string | null;
  /** The last critique's per-item feedback on P (scope `all`), for the optimizer's context; null under scope `failures`. */
  lastCritique: { itemId: string; promptFeedback: string }[] | null;
  lastTrain: TrainAnswer[];
  lastReflection: string | null;
  epochSteps: EpochStepNote[];
  notebook: Map<number, NotebookEntryState>;
  nextEntryId: number;
  /** Context windows and the embedder, as recorded (ModelFactsRecorded); later records add to earlier ones. */
  modelFacts: { endpoints: ModelFactsRecordedData['endpoints']; embedder: ModelFactsRecordedData['embedder'] };
  /** requestKey -> logged solver answer: the "never evaluate the same request twice" index. */
  answers: Map<string, LoggedAnswer>;
  metrics: EpochMetric[];
  accuracies: {
    seedVal: number | null; seedTest: number | null; val: number | null; test: number | null; testPromptOnly: number | null;
    /** The last val accuracy of the prompt alone (notebook methods; seed or epoch end). */
    valPromptOnly: number | null;
  };
  /** The end-of-epoch validation with the highest accuracy (earliest on ties); epoch 0 = the seed. */
  bestVal: BestValCheckpoint | null;
  usage: UsageTotals;
  usageByRole: Record<string, UsageTotals>;
  /** Calls and tokens that reached a model (cache hits excluded): what budgets count. */
  billed: { calls: number; tokens: number };
  /** Consecutive failed attempts of the current phase. */
  phaseFailures: number;
  /** Sum of the phases' durations (ms): work time, excluding pauses and downtime. */
  workMs: number;
  eventCount: number;
}

export function emptyUsage(): UsageTotals {
  return { calls: 0, cachedCalls: 0, estimatedCalls: 0, promptTokens: 0, completionTokens: 0, latencyMs: 0 };
}

/** State before the first event of `runId`. */
export function initialRunState(runId: string): RunState {
  return {
    runId, position: 0, config: null, datasetHash: '', datasetName: '', split: { train: [], val: [], test: [] }, templates: {},
    simulated: false, simulatorAnswered: false, parentRunId: null, parentPosition: null, createdAt: '', status: 'running', statusReason: null,
    cursor: { epoch: 0, step: 0, stage: 'none' }, prompt: { version: 0, text: '' }, optimizerInstructions: { version: 0, text: '' },
    acceptedVal: null, acceptedValNotebook: null, notebookRevision: 0, candidate: null, lastFeedback: null, lastCritique: null,
    lastTrain: [], lastReflection: null, epochSteps: [], notebook: new Map(), nextEntryId: 1, modelFacts: { endpoints: [], embedder: null },
    answers: new Map(), metrics: [],
    accuracies: { seedVal: null, seedTest: null, val: null, test: null, testPromptOnly: null, valPromptOnly: null }, bestVal: null,
    usage: emptyUsage(), usageByRole: {}, billed: { calls: 0, tokens: 0 }, phaseFailures: 0, workMs: 0, eventCount: 0,
  };
}
