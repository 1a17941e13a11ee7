import type { CompareReport, CompareRun, Interval } from '../../../shared/api/compareViews';
import { formatCount, formatDuration, formatGap, formatPercent } from './format';
import { SIMULATOR_NOTICE } from './summaryTable';
import { renderTable } from './table';

/** JSON shape of one run of `remo compare --json` (the keys before `name` are the original row's). */
export function compareRowJson(run: CompareRun) {
  return {
    runId: run.runId,
    method: run.method,
    status: run.status,
    epochs: run.epochs,
    epochsPlanned: run.epochsPlanned,
    trainSize: run.trainSize,
    seedVal: run.seedVal,
    seedTest: run.seedTest,
    val: run.val,
    valPromptOnly: run.valPromptOnly,
    test: run.test,
    testPromptOnly: run.testPromptOnly,
    gap: run.gap,
    llmCalls: run.calls,
    promptTokens: Object.values(run.usageByRole).reduce((sum, u) => sum + u.promptTokens, 0),
    completionTokens: Object.values(run.usageByRole).reduce((sum, u) => sum + u.completionTokens, 0),
    wallSeconds: run.wallSeconds,
    simulated: run.simulated,
    name: run.name,
    model: run.model,
    parentRunId: run.parentRunId,
    valCI: run.valCI,
    testCI: run.testCI,
    seedTestCI: run.seedTestCI,
    testPromptOnlyCI: run.testPromptOnlyCI,
    valItems: run.valItems,
    testItems: run.testItems,
    usageByRole: run.usageByRole,
  };
}

/** JSON of `remo compare --json`: the runs (request order) and every pair scored on shared test items. */
export function compareReportJson(report: CompareReport) {
  return {
    runs: report.runs.map(compareRowJson),
    pairs: report.pairs.map((pair) => ({
      a: pair.a, b: pair.b, sharedItems: pair.sharedItems, wrongToRight: pair.wrongToRight, rightToWrong: pair.rightToWrong, mcnemarP: pair.mcnemarP,
    })),
  };
}

/** "[72.2, 87.5]" in percent; "—" when not measured. */
export function formatInterval(interval: Interval | null): string {
  return interval ? `[${formatPercent(interval[0])}, ${formatPercent(interval[1])}]` : '—';
}

/** p-values as people read them: 0.0386, 1.2e-7, 1. */
export function formatP(p: number): string {
  if (p >= 0.9995) return '1';
  if (p >= 0.001) return p.toFixed(4);
  return p.toExponential(1);
}

/**
 * The paper's table layout (method, epochs, train size, val, test) extended with what the paper
 * does not report but a reproduction must: 95% Wilson intervals, the seed prompt's accuracies, the
 * generalisation gap, the prompt-only val and test of notebook methods, calls, tokens and time; then the
 * paired test (exact McNemar) of every two runs scored on the same test items. Simulated runs are marked.
 */
export function renderComparison(report: CompareReport): string {
  const body = report.runs.map((r) => [
    r.runId,
    r.method + (r.simulated ? ' *' : ''),
    r.status === 'completed' ? String(r.epochs) : `${r.epochs}/${r.epochsPlanned} (${r.status})`,
    r.trainSize === null ? '—' : formatCount(r.trainSize),
    `${formatPercent(r.seedVal)} / ${formatPercent(r.seedTest)}`,
    formatPercent(r.val),
    formatInterval(r.valCI),
    formatPercent(r.valPromptOnly),
    formatPercent(r.test),
    formatInterval(r.testCI),
    formatGap(r.val, r.test),
    formatPercent(r.testPromptOnly),
    formatCount(r.calls),
    formatCount(r.tokens),
    formatDuration(r.wallSeconds),
  ]);
  const parts = [renderTable(
    ['run', 'method', 'epochs', 'train size', 'seed val/test %', 'val %', 'val 95% CI', 'val prompt-only %', 'test %', 'test 95% CI', 'gap (val-test)', 'test prompt-only %', 'calls', 'tokens', 'time'],
    body,
  )];
  if (report.pairs.length > 0) {
    parts.push('Paired test on shared test items (exact McNemar, two-sided):');
    parts.push(renderTable(
      ['a', 'b', 'shared items', 'wrong→right', 'right→wrong', 'p'],
      report.pairs.map((p) => [p.a, p.b, formatCount(p.sharedItems), formatCount(p.wrongToRight), formatCount(p.rightToWrong), formatP(p.mcnemarP)]),
    ));
    parts.push('wrong→right: items run a got wrong and run b got right. p < 0.05: the difference is unlikely to be chance.');
  }
  if (report.runs.some((r) => r.simulated)) parts.push(`* simulated run. ${SIMULATOR_NOTICE}`);
  return parts.join('\n');
}
