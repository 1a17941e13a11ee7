/**
 * Read-side shapes the core hands to its clients (CLI, web host, Electron renderer).
 * Pure data, JSON-serialisable. The engine folds events into these; clients only display them.
 */

export const METHODS = ['textgrad', 'remo-rag', 'remo-optimizer', 'remo'] as const;
export type Method = (typeof METHODS)[number];

export type RunStatus = 'running' | 'paused' | 'completed' | 'stopped' | 'failed' | 'interrupted';

/** Where in a run to look: a global log position, or the end of an epoch (0 = after seed evaluation). */
export type RunPoint = { position: number } | { epoch: number } | 'end';

/** Usage totals for one role (or all roles). */
export interface UsageTotals {
  calls: number;
  cachedCalls: number;
  /** Calls whose token counts are estimates (ceil(characters / 4)) because the server sent no usage. */
  estimatedCalls: number;
  promptTokens: number;
  completionTokens: number;
  /** Sum of call latencies in ms (not wall time). */
  latencyMs: number;
}

export interface RunSummary {
  runId: string;
  name: string;
  method: Method;
  status: RunStatus;
  /** Human reason for stopped/failed/paused. */
  statusReason?: string;
  parentRunId?: string;
  parentPosition?: number;
  createdAt: string;
  epochsPlanned: number;
  epochsDone: number;
  /** Accuracies in [0,1]; null until measured. */
  seedVal: number | null;
  seedTest: number | null;
  val: number | null;
  test: number | null;
  /** Final test of the prompt alone (notebook methods); equals `test` for methods without a notebook. */
  testPromptOnly: number | null;
  /** Last end-of-epoch val of the prompt alone (notebook methods; null for the others). */
  valPromptOnly: number | null;
  usage: UsageTotals;
  wallSeconds: number;
  /**
   * True when the run's endpoints are all of kind simulator, or any of its calls was answered by
   * the simulator (its fingerprint in the call record), or it forks a simulated run: its numbers
   * are not model results.
   */
  simulated: boolean;
  /** The solver's model name (the first endpoint's model). */
  model?: string;
  /** Hidden from the runs list (an event; nothing was deleted). */
  archived?: boolean;
}

export interface NotebookEntryView {
  entryId: number;
  itemId: string;
  question: string;
  gold: string;
  predicted: string | null;
  lesson: string;
  failCount: number;
  resolved: boolean;
  /** Global position of the event that created this entry. */
  createdAt: number;
  /** Global position of the event that last wrote this entry. */
  updatedAt: number;
}

export interface EpochMetric {
  epoch: number;
  /** Val accuracy of the system: P with retrieval for notebook methods. */
  val: number | null;
  /** Val accuracy of P alone (notebook methods; null otherwise or when not measured). */
  valPromptOnly: number | null;
  promptVersion: number;
  optimizerVersion: number;
  notebookSize: number;
  position: number;
}

/**
 * How a notebook method retrieves lessons, for every place that shows a run's settings. The
 * built-in lexical embedder is labelled as the offline fallback it is: it matches shared words,
 * not meaning.
 */
export interface RetrievalView {
  /** 'builtin:lexical' or the endpoint name the embedder role is bound to. */
  embedder: string;
  /** The embedding model as recorded when the run started (null until then). */
  model: string | null;
  /** Vector size as recorded (null until then). */
  dimensions: number | null;
  /** True for the built-in lexical embedder. */
  offlineFallback: boolean;
  /** Human label, e.g. "lexical (hashed n-grams), offline fallback: not a semantic embedder". */
  label: string;
  k: number;
  /** The minimum cosine used; null while a calibrated threshold is not yet measured. */
  threshold: number | null;
  /** True when the threshold was measured on the run's own embedder (retrievalThreshold 'calibrated'). */
  thresholdCalibrated: boolean;
  /** What the solver sees per entry: 'record' (question, wrong and correct answer, lesson) or 'excerpt'. */
  lessonFormat: 'record' | 'excerpt';
}

/** An endpoint's context window as the run recorded it, and where the figure came from. */
export interface ContextWindowView { endpoint: string; model: string; tokens: number; source: 'config' | 'server' | 'default' }

/** The end-of-epoch validation with the highest accuracy so far (epoch 0 = the seed prompt). */
export interface BestValCheckpoint {
  epoch: number;
  /** The last step of that epoch (0 for the seed). */
  step: number;
  accuracy: number;
  /** P's val accuracy without the notebook at that point (notebook methods), else null. */
  promptOnly: number | null;
  promptVersion: number;
  optimizerVersion: number;
  /** Global position of the epoch's EpochCompleted event: `remo fork RUN --epoch K` starts there. */
  position: number;
}

/** Calls, tokens and model time of one role, as the run-state view shows them (compareViews.RoleUsageView plus cache and estimate counts). */
export interface RoleUsageTotalsView {
  calls: number;
  /** Of which answered from the response cache. */
  cachedCalls: number;
  /** Of which with estimated token counts (no usage from the server). */
  estimatedCalls: number;
  promptTokens: number;
  completionTokens: number;
  /** Sum of the role's call latencies, in seconds (calls overlap, so roles can sum past wall time). */
  seconds: number;
}

/** The state of a run at one point of its log: what the scrubber shows. */
export interface RunStateView {
  runId: string;
  /** Global position the state was folded up to (inclusive). */
  position: number;
  epoch: number;
  step: number;
  /** Current system prompt P and its version number (0 = seed). */
  prompt: { version: number; text: string };
  /** Current optimizer instructions Q and version (0 = initial). */
  optimizerInstructions: { version: number; text: string };
  notebook: NotebookEntryView[];
  metrics: EpochMetric[];
  /** Best end-of-epoch validation so far, null before the first. */
  bestVal: BestValCheckpoint | null;
  usage: UsageTotals;
  /** Per role (solver, critic, optimizer, lessonWriter, reflector, metaController, embedder). */
  usageByRole: Record<string, RoleUsageTotalsView>;
  status: RunStatus;
  /** Retrieval settings of notebook methods; null for methods without a notebook. */
  retrieval?: RetrievalView | null;
  /** Context windows recorded for the run's endpoints (empty before it first executes). */
  contextWindows?: ContextWindowView[];
}
