/**
 * The run event catalogue: every fact the engine records. Each type's data carries what is
 * needed to rebuild every read model AND to resume without repeating a logged call (reply
 * texts, call records, retrieved entry ids + scores, lessons with their embedding vectors).
 */
import type { RunConfig } from '../../config/runConfig';
import type { EventMetadata, RunForkedData, StoredEvent, StoredEventOf } from '../envelope';
import type { LoggedCall } from './callRecord';

export type { LoggedCall } from './callRecord';

/** A retrieved notebook entry and its cosine similarity to the question. */
export interface Retrieved { entryId: number; score: number }

export interface SplitIds { train: string[]; val: string[]; test: string[] }

export interface RunStartedData {
  runId: string;
  /** Every config value, defaults included; never an API key. */
  config: RunConfig;
  dataset: { name: string; hash: string; itemCount: number };
  split: SplitIds;
  /** Template name -> version used, e.g. { solver: 'v1' }. */
  templates: Record<string, string>;
  /** Cross-run memory resolved to a global position in the source run. */
  memory: { fromRunId: string; position: number; notebook: boolean; optimizerInstructions: boolean } | null;
  /** True when every endpoint is of kind simulator (what the config says; the calls can still reveal the simulator later). */
  simulated: boolean;
}

/** Fork overrides are config keys; the engine re-resolves the config with them. */
export type RunForkedEventData = RunForkedData & { config: RunConfig; simulated: boolean };

export interface SolverAnsweredData {
  itemId: string;
  purpose: 'train' | 'eval';
  /** Hash of the exact request (system prompt + user message): the reuse key. */
  requestKey: string;
  retrieved: Retrieved[];
  response: string;
  thinking?: string;
  predicted: string | null;
  correct: boolean;
  /** Retrieved entries left out of the prompt to keep the lessons block within its budget. */
  lessonsDropped?: number;
  calls: LoggedCall[];
}

export interface AnswerRef {
  itemId: string;
  requestKey: string;
  correct: boolean;
  predicted: string | null;
  retrieved: Retrieved[];
  /** True when the result was taken from an earlier identical request in the log. */
  reused: boolean;
}

export interface TrainBatchAnsweredData { epoch: number; step: number; items: AnswerRef[]; calls: LoggedCall[] }

/** `val-prompt-only`: P without the notebook on val, next to `seed-val` / `epoch-val` (notebook methods). */
export type EvaluationLabel = 'seed-val' | 'seed-test' | 'gate-baseline' | 'gate-candidate' | 'epoch-val' | 'val-prompt-only' | 'test' | 'test-prompt-only';

export interface EvaluationCompletedData {
  label: EvaluationLabel;
  epoch: number;
  step: number;
  split: 'val' | 'test';
  promptVersion: number;
  withNotebook: boolean;
  correct: number;
  total: number;
  accuracy: number;
  items: { itemId: string; correct: boolean; reused: boolean }[];
  calls: LoggedCall[];
}

export interface NotebookEntryWrittenData {
  entryId: number;
  /** 'new' creates the entry; 'same-item' and 'similar' update it (merge rule). */
  merge: 'new' | 'same-item' | 'similar';
  similarity: number | null;
  itemId: string;
  question: string;
  gold: string;
  predicted: string | null;
  trace: string;
  lesson: string;
  failCount: number;
  /** Base64 little-endian Float32 vector of the question; present when the entry is created. */
  embedding?: string;
  epoch: number;
  step: number;
  calls: LoggedCall[];
}

export interface NotebookEntryResolvedData { entryId: number; itemId: string; epoch: number; step: number }
export interface NotebookUpdatedData { epoch: number; step: number; written: number; resolved: number; calls: LoggedCall[] }

export interface CritiqueWrittenData {
  epoch: number;
  step: number;
  scope: 'failures' | 'all';
  feedback: string;
  perItem?: { itemId: string; responseFeedback: string; promptFeedback: string }[];
  calls: LoggedCall[];
}
export interface CritiqueSkippedData { epoch: number; step: number; reason: string }

/** One optimizer reply; its call record is in the event's `calls` (same order). */
export interface UpdateAttempt { reply: string; ok: boolean; reason?: string }
export interface PromptCandidateProposedData { epoch: number; step: number; candidate: string; attempts: UpdateAttempt[]; calls: LoggedCall[] }
export interface PromptUpdateFailedData { epoch: number; step: number; reason: string; attempts: UpdateAttempt[]; calls: LoggedCall[] }

export interface PromptAcceptedData {
  epoch: number;
  step: number;
  version: number;
  text: string;
  gated: boolean;
  candidateVal: number | null;
  previousVal: number | null;
}
export interface PromptRejectedData {
  epoch: number;
  step: number;
  candidate: string;
  candidateVal: number;
  acceptedVal: number;
  /** The last accepted prompt version, which stays (or becomes again) the current P. */
  restoredVersion: number;
}

export interface StepCompletedData { epoch: number; step: number }
export interface ReflectionWrittenData { epoch: number; step: number | null; text: string; calls: LoggedCall[] }
export interface OptimizerInstructionsUpdatedData { epoch: number; step: number | null; version: number; text: string; calls: LoggedCall[] }
export interface OptimizerInstructionsRejectedData { epoch: number; step: number | null; proposed: string; reason: string; calls: LoggedCall[] }
export interface EpochCompletedData {
  epoch: number;
  val: number | null;
  /** Val accuracy of P without the notebook (notebook methods); absent in runs recorded before it existed. */
  valPromptOnly?: number | null;
  promptVersion: number;
  optimizerVersion: number;
  notebookSize: number;
}
/** Where a context window came from: the endpoint's config, the server's model list, or the default. */
export type ContextWindowSource = 'config' | 'server' | 'default';

/**
 * Facts about the models a run talks to, found out when it first executes and kept for its whole
 * life (resume, fork), so prompt budgets and the notebook's vector size never depend on when the
 * log is replayed. Appended again only when the config names an endpoint the log has no facts for.
 */
export interface ModelFactsRecordedData {
  /** Per endpoint name and model (a fork that names another model gets facts of its own). */
  endpoints: { name: string; model: string; contextTokens: number; source: ContextWindowSource }[];
  /** Notebook methods only: the embedder and the size of its vectors. `lexical` = the built-in offline fallback. */
  embedder: {
    endpoint: string; model: string; dimensions: number; lexical: boolean;
    /** retrievalThreshold 'calibrated': the threshold measured, and from how many training questions. */
    calibratedThreshold?: number; calibrationSample?: number;
  } | null;
  calls: LoggedCall[];
}

/** One level of a hierarchical condensation: `chunks` summaries made from `tokensBefore` tokens of input. */
export interface CondensationLevel { level: number; chunks: number; tokensBefore: number; tokensAfter: number }

/**
 * A prompt part was condensed to fit the model's context window (the call it served follows in
 * the same batch). `summaries` (method 'summaries') are what the prompt received in place of the
 * part; 'clip' cut long texts of a list (and dropped items past `itemsKept`) without a model call.
 */
export interface ContextCondensedData {
  epoch: number;
  step: number | null;
  /** The role whose prompt was condensed. */
  role: string;
  /** What was condensed: 'epoch-steps', 'critic-items', 'optimizer-feedback', ... */
  part: string;
  method: 'summaries' | 'clip';
  /** Prompt tokens allowed (window minus the reply's room), by the engine's estimate. */
  budgetTokens: number;
  /** Estimated tokens of the part before and after. */
  tokensBefore: number;
  tokensAfter: number;
  levels: CondensationLevel[];
  summaries?: string[];
  itemsBefore?: number;
  itemsKept?: number;
  /** Longest text (characters) any item kept, 'clip' only. */
  maxItemChars?: number;
  calls: LoggedCall[];
}

export interface RunCompletedData { val: number | null; test: number | null; testPromptOnly: number | null }
export interface RunPausedData { reason: string }
export interface RunResumedData { reason: string }
export interface RunStoppedData { kind: 'user' | 'budget'; reason: string }
export interface RunFailedData { reason: string; phase: string }
/**
 * How a stopped (failed, paused, interrupted) run reaches its models changed before it resumed:
 * `overrides` as given (endpoint keys only, never an API key) and the resolved config from then on.
 */
export interface RunReconfiguredData { overrides: Record<string, unknown>; config: RunConfig; simulated: boolean }
export interface PhaseFailedData { phase: string; epoch: number; step: number; attempt: number; code: string; message: string; calls: LoggedCall[] }

/** Type name -> data shape. */
export interface RunEventMap {
  RunStarted: RunStartedData;
  RunForked: RunForkedEventData;
  SolverAnswered: SolverAnsweredData;
  TrainBatchAnswered: TrainBatchAnsweredData;
  EvaluationCompleted: EvaluationCompletedData;
  NotebookEntryWritten: NotebookEntryWrittenData;
  NotebookEntryResolved: NotebookEntryResolvedData;
  NotebookUpdated: NotebookUpdatedData;
  CritiqueWritten: CritiqueWrittenData;
  CritiqueSkipped: CritiqueSkippedData;
  PromptCandidateProposed: PromptCandidateProposedData;
  PromptUpdateFailed: PromptUpdateFailedData;
  PromptAccepted: PromptAcceptedData;
  PromptRejected: PromptRejectedData;
  StepCompleted: StepCompletedData;
  ReflectionWritten: ReflectionWrittenData;
  OptimizerInstructionsUpdated: OptimizerInstructionsUpdatedData;
  OptimizerInstructionsRejected: OptimizerInstructionsRejectedData;
  EpochCompleted: EpochCompletedData;
  RunCompleted: RunCompletedData;
  RunPaused: RunPausedData;
  RunResumed: RunResumedData;
  RunStopped: RunStoppedData;
  RunFailed: RunFailedData;
  PhaseFailed: PhaseFailedData;
  RunReconfigured: RunReconfiguredData;
  ModelFactsRecorded: ModelFactsRecordedData;
  ContextCondensed: ContextCondensedData;
}

export type RunEventType = keyof RunEventMap;
/** A run event as read from the log (see isRunEvent): narrowing on `type` types `data`. */
export type StoredRunEvent = StoredEventOf<RunEventMap>;
/** A run event as the fold sees it: the envelope fields the fold needs (every StoredRunEvent is one). */
export type RunEvent = {
  [K in RunEventType]: Pick<StoredEvent<K, RunEventMap[K]>, 'type' | 'data' | 'globalPosition' | 'recordedAt'> & { metadata?: EventMetadata };
}[RunEventType];
/** A new run event to append. */
export type NewRunEvent = { [K in RunEventType]: { type: K; data: RunEventMap[K]; metadata?: { epoch?: number; step?: number; durationMs?: number; [k: string]: unknown } } }[RunEventType];
