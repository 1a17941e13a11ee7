import type { ExperimentPlan } from '../../../shared/api/experimentViews';
import type { RunSummary } from '../../../shared/api/runViews';
import type { RunConfig } from '../../../shared/config/runConfig';
import { estimateRunCalls, ROUGH_TOKENS_PER_CALL, type RoleCalls } from '../../../shared/experiments/estimateRunCalls';

/** A completed run of this database an estimate may learn from (read lazily: most are never looked at). */
export interface SimilarRun {
  summary: RunSummary;
  usageByRole: () => Record<string, RunSummary['usage']>;
  config: () => RunConfig | undefined;
}

const solverModel = (config: RunConfig) => config.endpoints.find((e) => e.name === (config.roles.solver?.endpoint ?? config.endpoints[0]!.name))?.model ?? config.endpoints[0]!.model;
const sum = (calls: RoleCalls) => Object.values(calls).reduce((total, n) => total + (n ?? 0), 0);

/**
 * Calls, tokens and time of an experiment before it starts. Calls come from each cell's recipe
 * (estimateRunCalls). Tokens per call and time come from the newest completed run of this database
 * with the same solver model and method (else the same model), scaled by calls; without one, tokens
 * use rough per-role figures and time is not estimated. Time is a range: at least the longest cell
 * (every cell at once, never waiting for a slot), at most every cell one after another.
 */
export function estimateExperimentCost(configs: readonly RunConfig[], similar: readonly SimilarRun[]): Pick<ExperimentPlan, 'calls' | 'tokens' | 'seconds' | 'basis'> {
  const basis: string[] = ['calls: from each run\'s split sizes and schedule (identical requests the engine reuses are counted; embeddings are not)'];
  const newestFirst = [...similar].reverse();
  const learned = new Map<string, { run: RunSummary; tokensPerCall: Partial<Record<string, number>>; secondsPerCall: number } | null>();
  const learnFrom = (config: RunConfig) => {
    const key = `${config.method}\n${solverModel(config)}`;
    if (learned.has(key)) return learned.get(key)!;
    const sameModel = newestFirst.filter((run) => run.summary.model === solverModel(config) && run.summary.usage.calls > 0);
    const pick = sameModel.find((run) => run.summary.method === config.method) ?? sameModel[0];
    let found = null;
    if (pick) {
      const tokensPerCall: Partial<Record<string, number>> = {};
      for (const [role, usage] of Object.entries(pick.usageByRole())) {
        if (usage.calls > 0) tokensPerCall[role] = (usage.promptTokens + usage.completionTokens) / usage.calls;
      }
      found = { run: pick.summary, tokensPerCall, secondsPerCall: pick.summary.wallSeconds / pick.summary.usage.calls };
    }
    learned.set(key, found);
    return found;
  };

  let calls = 0;
  let tokens = 0;
  const cellSeconds: number[] = [];
  let allTimed = true;
  for (const config of configs) {
    const perRole = estimateRunCalls(config);
    const runCalls = sum(perRole);
    calls += runCalls;
    const source = learnFrom(config);
    for (const [role, n] of Object.entries(perRole)) {
      tokens += (n ?? 0) * (source?.tokensPerCall[role] ?? ROUGH_TOKENS_PER_CALL[role as keyof typeof ROUGH_TOKENS_PER_CALL]);
    }
    if (source && source.secondsPerCall > 0) cellSeconds.push(runCalls * source.secondsPerCall);
    else allTimed = false;
  }
  const sources = [...new Set([...learned.values()].filter((s) => s !== null).map((s) => `${s.run.runId} (${s.run.method}, ${s.run.model ?? 'model unknown'})`))];
  basis.push(sources.length > 0
    ? `tokens per call and seconds per call: measured on ${sources.join(', ')}${learned.size > sources.length ? '; rough per-role figures where no similar run exists' : ''}`
    : 'tokens: rough per-role figures (no completed run with this model in the database); time: not estimated');
  const seconds = allTimed && cellSeconds.length > 0
    ? { atLeast: Math.round(Math.max(...cellSeconds)), atMost: Math.round(cellSeconds.reduce((a, b) => a + b, 0)) }
    : null;
  return { calls, tokens: Math.round(tokens), seconds, basis };
}
