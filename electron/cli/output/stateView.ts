import type { RunPoint, RunStateView, RunSummary } from '../../../shared/api/runViews';
import { formatCount, formatDuration, formatPercent } from './format';
import { settingsRows } from './settingsRows';
import { SIMULATOR_NOTICE } from './summaryTable';
import { renderKeyValues, renderTable } from './table';

/** "as of epoch 1", "as of position 120", "at the end of its log". */
export function describePoint(at: RunPoint): string {
  if (at === 'end') return 'at the end of its log';
  return 'epoch' in at ? `as of epoch ${at.epoch}` : `as of position ${at.position}`;
}

/**
 * JSON of `remo show --json`: the state view plus the run's summary, notebook reduced to its size
 * unless asked. `status` is the run's current status; `asOf` says which point the state is from.
 */
export function stateJson(summary: RunSummary, view: RunStateView, withNotebook: boolean, at: RunPoint = 'end') {
  return {
    runId: view.runId,
    method: summary.method,
    simulated: summary.simulated,
    status: summary.status,
    asOf: { point: at, position: view.position, epoch: view.epoch, step: view.step, description: describePoint(at) },
    position: view.position,
    epoch: view.epoch,
    step: view.step,
    prompt: view.prompt,
    optimizerInstructions: view.optimizerInstructions,
    notebookSize: view.notebook.length,
    notebookUnresolved: view.notebook.filter((entry) => !entry.resolved).length,
    metrics: view.metrics,
    bestVal: view.bestVal,
    usage: view.usage,
    retrieval: view.retrieval ?? null,
    contextWindows: view.contextWindows ?? [],
    usageByRole: Object.fromEntries(Object.entries(view.usageByRole).map(([role, u]) => [role, {
      calls: u.calls, promptTokens: u.promptTokens, completionTokens: u.completionTokens, seconds: u.seconds,
      cachedCalls: u.cachedCalls, estimatedCalls: u.estimatedCalls,
    }])),
    ...(withNotebook ? { notebook: view.notebook } : {}),
  };
}

/** Human view of one point of a run: where, P, Q, per-epoch metrics, notebook size. */
export function renderState(summary: RunSummary, view: RunStateView, at: RunPoint = 'end'): string {
  const head = renderKeyValues([
    ['run', `${view.runId} (${summary.method}${summary.simulated ? ', simulated' : ''})`],
    ['state', `${describePoint(at)} · position ${view.position} · epoch ${view.epoch} · step ${view.step}`],
    ['run status now', summary.status + (summary.statusReason ? ` — ${summary.statusReason}` : '')],
    ['notebook', `${view.notebook.length} entries (${view.notebook.filter((e) => !e.resolved).length} unresolved)`],
    ['LLM calls', formatCount(view.usage.calls)],
    ['tokens', `${formatCount(view.usage.promptTokens + view.usage.completionTokens)}${estimateNote(view.usage.estimatedCalls ?? 0)}`],
    ['best val', bestValText(view)],
    ...settingsRows(view),
  ]);
  // Notebook methods show P's val without the notebook beside the system's.
  const promptOnly = view.metrics.some((m) => m.valPromptOnly !== null);
  const metrics =
    view.metrics.length === 0
      ? 'no epoch finished yet'
      : renderTable(
          ['epoch', 'val %', ...(promptOnly ? ['val % (P only)'] : []), 'P version', 'Q version', 'notebook', 'position'],
          view.metrics.map((m) => [m.epoch, formatPercent(m.val), ...(promptOnly ? [formatPercent(m.valPromptOnly)] : []), m.promptVersion, m.optimizerVersion, m.notebookSize, m.position]),
        );
  const roles = Object.entries(view.usageByRole);
  const usage = roles.length === 0
    ? 'no calls yet'
    : renderTable(
        ['role', 'calls', 'cached', 'prompt tokens', 'completion tokens', 'model time'],
        roles.map(([role, u]) => [role, formatCount(u.calls), formatCount(u.cachedCalls), formatCount(u.promptTokens) + estimateMark(u.estimatedCalls),
          formatCount(u.completionTokens) + estimateMark(u.estimatedCalls), formatDuration(u.seconds)]),
      );
  const parts = [
    head,
    metrics,
    usage + (roles.some(([, u]) => u.estimatedCalls > 0) ? '\n* includes estimates (ceil(characters / 4)) for calls whose server sent no usage' : ''),
    `P (system prompt, version ${view.prompt.version}):\n${indent(view.prompt.text)}`,
    `Q (optimizer instructions, version ${view.optimizerInstructions.version}):\n${indent(view.optimizerInstructions.text)}`,
  ];
  if (summary.simulated) parts.push(SIMULATOR_NOTICE);
  return parts.join('\n\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function bestValText(view: RunStateView): string {
  const best = view.bestVal;
  if (!best) return '—';
  const promptOnly = best.promptOnly !== null ? ` (P only ${formatPercent(best.promptOnly)}%)` : '';
  return `${formatPercent(best.accuracy)}%${promptOnly} after epoch ${best.epoch}, step ${best.step} · P v${best.promptVersion} · position ${best.position}`;
}

function estimateNote(estimatedCalls: number): string {
  return estimatedCalls > 0 ? ` (${formatCount(estimatedCalls)} calls estimated: no usage from the server)` : '';
}

function estimateMark(estimatedCalls: number): string {
  return estimatedCalls > 0 ? '*' : '';
}
