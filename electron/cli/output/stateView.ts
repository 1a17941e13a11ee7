import type { RunPoint, RunStateView, RunSummary } from '../../../shared/api/runViews';
import { formatCount, formatPercent } from './format';
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
    usage: view.usage,
    retrieval: view.retrieval ?? null,
    contextWindows: view.contextWindows ?? [],
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
    ['tokens', formatCount(view.usage.promptTokens + view.usage.completionTokens)],
    ...settingsRows(view),
  ]);
  const metrics =
    view.metrics.length === 0
      ? 'no epoch finished yet'
      : renderTable(
          ['epoch', 'val %', 'P version', 'Q version', 'notebook', 'position'],
          view.metrics.map((m) => [m.epoch, formatPercent(m.val), m.promptVersion, m.optimizerVersion, m.notebookSize, m.position]),
        );
  const parts = [
    head,
    metrics,
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
