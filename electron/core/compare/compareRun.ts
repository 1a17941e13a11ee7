import type { CompareRun, RoleUsageView } from '../../../shared/api/compareViews';
import type { RunSummary } from '../../../shared/api/runViews';
import type { EvaluationPoint } from '../../../shared/api/timelineViews';
import { wilsonInterval } from '../../../shared/stats/wilsonInterval';

/** The evaluations behind a summary's accuracies, latest of each kind in the run's logical log. */
export interface RunEvaluations {
  val: EvaluationPoint | null;
  test: EvaluationPoint | null;
  seedTest: EvaluationPoint | null;
  testPromptOnly: EvaluationPoint | null;
}

/** Picks, from a run's evaluations (oldest first), the ones its summary's accuracies come from. */
export function pickEvaluations(evaluations: readonly EvaluationPoint[]): RunEvaluations {
  const last = (predicate: (e: EvaluationPoint) => boolean) => [...evaluations].reverse().find(predicate) ?? null;
  const test = last((e) => e.label === 'test');
  // As the run summaries projection does: a test without the notebook is also the prompt-only test.
  const promptOnly = last((e) => e.label === 'test-prompt-only' || (e.label === 'test' && !e.withNotebook));
  return { val: last((e) => e.label === 'epoch-val'), test, seedTest: last((e) => e.label === 'seed-test'), testPromptOnly: promptOnly };
}

const ci = (e: EvaluationPoint | null) => (e ? wilsonInterval(e.correct, e.total) : null);

/** Validation (and test) accuracy per epoch; epoch 0 is the seed prompt. */
export function epochCurve(evaluations: readonly EvaluationPoint[]): CompareRun['curve'] {
  const byEpoch = new Map<number, { epoch: number; val: number | null; test: number | null }>();
  const at = (epoch: number) => {
    let point = byEpoch.get(epoch);
    if (!point) byEpoch.set(epoch, (point = { epoch, val: null, test: null }));
    return point;
  };
  for (const e of evaluations) {
    if (e.label === 'seed-val') at(0).val = e.accuracy;
    else if (e.label === 'seed-test') at(0).test = e.accuracy;
    else if (e.label === 'epoch-val') at(e.epoch).val = e.accuracy;
    else if (e.label === 'test') at(e.epoch).test = e.accuracy;
  }
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

export interface CompareRunInput {
  summary: RunSummary;
  model: string;
  trainSize: number | null;
  evaluations: readonly EvaluationPoint[];
  usageByRole: Record<string, RunSummary['usage']>;
}

/** One run's column of the compare view: the summary's numbers with intervals, usage per role and the curve. */
export function compareRun({ summary: s, model, trainSize, evaluations, usageByRole }: CompareRunInput): CompareRun {
  const picked = pickEvaluations(evaluations);
  const usage: Record<string, RoleUsageView> = {};
  for (const [role, u] of Object.entries(usageByRole)) {
    usage[role] = { calls: u.calls, promptTokens: u.promptTokens, completionTokens: u.completionTokens, seconds: u.latencyMs / 1000 };
  }
  return {
    runId: s.runId, name: s.name, method: s.method, model, status: s.status, simulated: s.simulated, parentRunId: s.parentRunId ?? null,
    epochs: s.epochsDone, epochsPlanned: s.epochsPlanned, trainSize,
    seedVal: s.seedVal, seedTest: s.seedTest, val: s.val, test: s.test,
    // Rounded past float noise (0.82 - 0.76 would be 0.05999999999999994); accuracies are count ratios.
    gap: s.val === null || s.test === null ? null : Number((s.val - s.test).toFixed(10)),
    testPromptOnly: s.testPromptOnly,
    valPromptOnly: s.valPromptOnly,
    valCI: ci(picked.val), testCI: ci(picked.test), seedTestCI: ci(picked.seedTest), testPromptOnlyCI: ci(picked.testPromptOnly),
    valItems: picked.val?.total ?? null, testItems: picked.test?.total ?? null,
    usageByRole: usage,
    calls: s.usage.calls, tokens: s.usage.promptTokens + s.usage.completionTokens, wallSeconds: s.wallSeconds,
    curve: epochCurve(evaluations),
    testPosition: picked.test?.position ?? null,
  };
}
