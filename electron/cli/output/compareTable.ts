import type { RunSummary } from '../../../shared/api/runViews';
import { formatCount, formatDuration, formatGap, formatPercent } from './format';
import { SIMULATOR_NOTICE } from './summaryTable';
import { renderTable } from './table';

/** One row of `remo compare`: a run summary plus the training-split size its config resolved to. */
export interface CompareRow {
  summary: RunSummary;
  trainSize: number | null;
}

/** JSON shape of one `remo compare --json` row. */
export function compareRowJson({ summary: s, trainSize }: CompareRow) {
  return {
    runId: s.runId,
    method: s.method,
    status: s.status,
    epochs: s.epochsDone,
    epochsPlanned: s.epochsPlanned,
    trainSize,
    seedVal: s.seedVal,
    seedTest: s.seedTest,
    val: s.val,
    test: s.test,
    testPromptOnly: s.testPromptOnly,
    // Rounded past float noise (0.82 - 0.76 would print as 0.05999999999999994); accuracies are count ratios.
    gap: s.val === null || s.test === null ? null : Number((s.val - s.test).toFixed(10)),
    llmCalls: s.usage.calls,
    promptTokens: s.usage.promptTokens,
    completionTokens: s.usage.completionTokens,
    wallSeconds: s.wallSeconds,
    simulated: s.simulated,
  };
}

/**
 * The paper's table layout (method, epochs, train size, val, test) extended with what the paper
 * does not report but a reproduction must: the seed prompt's accuracies, the generalisation gap,
 * the prompt-only test of notebook methods, calls, tokens and time. Simulated runs are marked.
 */
export function renderComparison(rows: CompareRow[]): string {
  const body = rows.map(({ summary: s, trainSize }) => [
    s.runId,
    s.method + (s.simulated ? ' *' : ''),
    s.status === 'completed' ? String(s.epochsDone) : `${s.epochsDone}/${s.epochsPlanned} (${s.status})`,
    trainSize === null ? '—' : formatCount(trainSize),
    `${formatPercent(s.seedVal)} / ${formatPercent(s.seedTest)}`,
    formatPercent(s.val),
    formatPercent(s.test),
    formatGap(s.val, s.test),
    formatPercent(s.testPromptOnly),
    formatCount(s.usage.calls),
    formatCount(s.usage.promptTokens + s.usage.completionTokens),
    formatDuration(s.wallSeconds),
  ]);
  const table = renderTable(
    ['run', 'method', 'epochs', 'train size', 'seed val/test %', 'val %', 'test %', 'gap (val-test)', 'test prompt-only %', 'calls', 'tokens', 'time'],
    body,
  );
  return rows.some((r) => r.summary.simulated) ? `${table}\n* simulated run. ${SIMULATOR_NOTICE}` : table;
}
