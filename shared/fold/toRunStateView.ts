import type { NotebookEntryView, RoleUsageTotalsView, RunStateView, UsageTotals } from '../api/runViews';
import { retrievalViewOf } from './retrievalView';
import type { RunState } from './runState';

/** The JSON view of a folded state, as the scrubber and the CLI show it. Entries in id order. */
export function toRunStateView(state: RunState): RunStateView {
  const notebook: NotebookEntryView[] = [...state.notebook.values()]
    .sort((a, b) => a.entryId - b.entryId)
    .map((e) => ({
      entryId: e.entryId, itemId: e.itemId, question: e.question, gold: e.gold, predicted: e.predicted,
      lesson: e.lesson, failCount: e.failCount, resolved: e.resolved, createdAt: e.createdAt, updatedAt: e.updatedAt,
    }));
  return {
    runId: state.runId,
    position: state.position,
    epoch: state.cursor.epoch,
    step: state.cursor.step,
    prompt: { ...state.prompt },
    optimizerInstructions: { ...state.optimizerInstructions },
    notebook,
    metrics: state.metrics.map((m) => ({ ...m, valPromptOnly: m.valPromptOnly ?? null })),
    bestVal: state.bestVal ? { ...state.bestVal } : null,
    usage: { ...state.usage, estimatedCalls: state.usage.estimatedCalls ?? 0 },
    usageByRole: Object.fromEntries(Object.keys(state.usageByRole).sort().map((role) => [role, roleUsage(state.usageByRole[role]!)])),
    status: state.status,
    retrieval: retrievalViewOf(state),
    contextWindows: state.modelFacts.endpoints.map((e) => ({ endpoint: e.name, model: e.model, tokens: e.contextTokens, source: e.source })),
  };
}

/** A role's totals as shown: latency in seconds (ms precision), estimates counted (0 in folds older than the field). */
function roleUsage(u: UsageTotals): RoleUsageTotalsView {
  return {
    calls: u.calls, cachedCalls: u.cachedCalls, estimatedCalls: u.estimatedCalls ?? 0,
    promptTokens: u.promptTokens, completionTokens: u.completionTokens, seconds: Math.round(u.latencyMs) / 1000,
  };
}
