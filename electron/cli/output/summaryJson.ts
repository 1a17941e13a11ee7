import type { RetrievalView, RunStateView, RunSummary } from '../../../shared/api/runViews';

/** The one-line JSON result of `remo run|resume|fork --json`. Keys are a contract for scripts. */
export interface RunResultJson {
  runId: string;
  name: string;
  status: RunSummary['status'];
  statusReason: string | null;
  method: RunSummary['method'];
  parentRunId: string | null;
  epochsDone: number;
  epochsPlanned: number;
  seedVal: number | null;
  seedTest: number | null;
  val: number | null;
  test: number | null;
  testPromptOnly: number | null;
  llmCalls: number;
  cachedCalls: number;
  promptTokens: number;
  completionTokens: number;
  wallSeconds: number;
  /** True when the numbers come from the built-in simulator, not from a model. */
  simulated: boolean;
  /** Notebook methods: the embedder (offlineFallback = the built-in lexical one), k, threshold. */
  retrieval?: RetrievalView | null;
}

export function summaryJson(summary: RunSummary, settings?: Pick<RunStateView, 'retrieval'>): RunResultJson {
  return {
    runId: summary.runId,
    name: summary.name,
    status: summary.status,
    statusReason: summary.statusReason ?? null,
    method: summary.method,
    parentRunId: summary.parentRunId ?? null,
    epochsDone: summary.epochsDone,
    epochsPlanned: summary.epochsPlanned,
    seedVal: summary.seedVal,
    seedTest: summary.seedTest,
    val: summary.val,
    test: summary.test,
    testPromptOnly: summary.testPromptOnly,
    llmCalls: summary.usage.calls,
    cachedCalls: summary.usage.cachedCalls,
    promptTokens: summary.usage.promptTokens,
    completionTokens: summary.usage.completionTokens,
    wallSeconds: summary.wallSeconds,
    simulated: summary.simulated,
    ...(settings ? { retrieval: settings.retrieval ?? null } : {}),
  };
}
