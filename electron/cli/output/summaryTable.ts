import type { RunStateView, RunSummary } from '../../../shared/api/runViews';
import { settingsRows } from './settingsRows';
import { formatCount, formatDuration, formatGap, formatPercent } from './format';
import { renderKeyValues, renderTable } from './table';

/** The notice printed wherever simulator numbers appear: they must never pass for model results. */
export const SIMULATOR_NOTICE =
  'NOTE: these numbers come from the built-in SIMULATOR (a scripted fake model), not from a language model.';

/** Key/value table of one run, printed at the end of `remo run|resume|fork`; `settings` adds retrieval and context rows. */
export function renderSummary(summary: RunSummary, settings?: Pick<RunStateView, 'retrieval' | 'contextWindows'>): string {
  const rows: Array<[string, string | number]> = [
    ['run', summary.runId],
    ['method', summary.method + (summary.simulated ? ' (simulated)' : '')],
    ['status', summary.status + (summary.statusReason ? ` — ${summary.statusReason}` : '')],
    ['epochs', `${summary.epochsDone}/${summary.epochsPlanned}`],
    ['seed val / test %', `${formatPercent(summary.seedVal)} / ${formatPercent(summary.seedTest)}`],
    ['val / test %', `${formatPercent(summary.val)} / ${formatPercent(summary.test)}`],
    ['gap (val-test)', formatGap(summary.val, summary.test)],
    ['test, prompt only %', formatPercent(summary.testPromptOnly)],
    ['LLM calls (cached)', `${formatCount(summary.usage.calls)} (${formatCount(summary.usage.cachedCalls)})`],
    ['tokens prompt / completion', `${formatCount(summary.usage.promptTokens)} / ${formatCount(summary.usage.completionTokens)}`],
    ['wall time', formatDuration(summary.wallSeconds)],
    ...(settings ? settingsRows(settings) : []),
  ];
  if (summary.parentRunId) rows.splice(1, 0, ['forked from', `${summary.parentRunId} @ ${summary.parentPosition ?? '?'}`]);
  const table = renderKeyValues(rows);
  return summary.simulated ? `${table}\n${SIMULATOR_NOTICE}` : table;
}

/** One line per run for `remo runs`. */
export function renderRunList(summaries: RunSummary[]): string {
  if (summaries.length === 0) return 'no runs yet: start one with `remo run --config FILE` or try `remo demo`';
  const rows = summaries.map((s) => [
    s.runId,
    (s.name || '') + (s.archived ? ' (archived)' : ''),
    s.method + (s.simulated ? ' (sim)' : ''),
    s.model ?? '',
    s.status,
    s.parentRunId ? `${s.parentRunId} @ ${s.parentPosition ?? '?'}` : '—',
    `${s.epochsDone}/${s.epochsPlanned}`,
    formatPercent(s.val),
    formatPercent(s.test),
    formatCount(s.usage.calls),
    s.createdAt.replace('T', ' ').slice(0, 19),
  ]);
  return renderTable(['id', 'name', 'method', 'model', 'status', 'parent', 'epochs', 'val %', 'test %', 'calls', 'created (UTC)'], rows);
}
