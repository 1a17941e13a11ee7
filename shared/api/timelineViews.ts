/**
 * Read-side shapes of the run view's time travel: the compact timeline index, the P and Q version
 * history, the metric series, provenance and notebook search. Pure data, JSON-serialisable; the
 * core builds them from projections (electron/core/timeline), clients only display them.
 */
import type { StoredEvent } from '../events/envelope';

/**
 * Phases of the optimizer as the timeline marks them. `evaluate` covers seed, epoch-end and test
 * scoring; `control` covers start, pause, resume, failure and the end of steps and epochs.
 */
export const TIMELINE_PHASES = ['control', 'forward', 'notebook', 'critique', 'update', 'gate', 'reflect', 'meta', 'evaluate'] as const;
export type TimelinePhase = (typeof TIMELINE_PHASES)[number];

/**
 * Every event of a run's logical log (fork parents included), without payloads, as parallel
 * columns: index i describes one event. Columns keep 50,000 events near 1 MB of JSON.
 */
export interface TimelineIndex {
  runId: string;
  positions: number[];
  /** Index into `typeNames`. */
  types: number[];
  typeNames: string[];
  /** Index into TIMELINE_PHASES. */
  phases: number[];
  /** Epoch and step the engine was in (-1 when the event belongs to none). */
  epochs: number[];
  steps: number[];
  /** Model calls and tokens (prompt + completion) the event records, every role together. */
  calls: number[];
  tokens: number[];
  /** End of each completed epoch (0 = after the seed evaluation). */
  epochEnds: { epoch: number; position: number }[];
  /** Runs forked from this run's history, and where. */
  forks: { runId: string; name: string; position: number }[];
  /** Where this run's own events start (after its fork parents' prefix); null for a root run. */
  forkedAt: { parentRunId: string; position: number } | null;
  lastPosition: number;
}

/** One version of P ('prompt') or Q ('optimizer'), or a candidate that did not become one. */
export interface VersionView {
  kind: 'prompt' | 'optimizer';
  /** Global position of the event that made it. */
  position: number;
  /** Null for a rejected or failed candidate. */
  version: number | null;
  status: 'initial' | 'inherited' | 'accepted' | 'rejected' | 'failed';
  text: string;
  epoch: number | null;
  step: number | null;
  /** Validation score of the candidate (gate) and of the prompt it was measured against. */
  val: number | null;
  previousVal: number | null;
  reason: string | null;
  /** The accepted version current when this one was made (null for the first). */
  parentVersion: number | null;
  /** True when an accepted version's text equals its parent's word for word. */
  unchanged: boolean;
}

export interface EvaluationPoint {
  position: number;
  label: string;
  epoch: number;
  step: number;
  split: 'val' | 'test';
  accuracy: number;
  correct: number;
  total: number;
  withNotebook: boolean;
  promptVersion: number;
}

export interface TrainBatchPoint { position: number; epoch: number; step: number; correct: number; total: number }

/**
 * Tokens per role accumulated over the log, sampled at `positions` (at most a few hundred points
 * spread evenly between the run's first and last position, plus the last position): enough for a
 * chart of a 50,000-event run in a few kilobytes. `tokens[r][i]` is role `roles[r]`'s prompt plus
 * completion tokens up to and including `positions[i]`. Exact per-role totals at any point come
 * with the state (RunStateView.usageByRole).
 */
export interface TokenCurve {
  roles: string[];
  positions: number[];
  tokens: number[][];
}

export interface MetricSeries {
  runId: string;
  trainBatches: TrainBatchPoint[];
  evaluations: EvaluationPoint[];
  tokens: TokenCurve;
}

/** A link into the log that moves the scrubber: what a provenance item points at. */
export interface LogRef { position: number; type: string; label: string }

/** Why a prompt or optimizer version exists: the records that produced it. */
export interface ProvenanceView {
  runId: string;
  kind: 'prompt' | 'optimizer';
  position: number;
  version: number | null;
  status: VersionView['status'];
  epoch: number | null;
  step: number | null;
  /** Training answers of the step (wrong ones first) with the lessons each was shown. */
  answers: { ref: LogRef; itemId: string; correct: boolean; predicted: string | null; lessons: { entryId: number; score: number; lesson: string; ref: LogRef | null }[] }[];
  critiques: { ref: LogRef; excerpt: string }[];
  proposal: { ref: LogRef; excerpt: string } | null;
  gate: { ref: LogRef; candidateVal: number | null; acceptedVal: number | null } | null;
  reflections: { ref: LogRef; excerpt: string }[];
}

export interface NotebookHit { entryId: number; score: number }

/** One event in full, plus where it sits and, when it names a dataset item, that item. */
export interface EventDetail {
  event: StoredEvent;
  /** Index of the event in the run's logical log (0-based). */
  index: number;
  item?: { id: string; question: string; answer: string };
}
