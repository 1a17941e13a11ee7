import type { ExperimentPlan, ExperimentRow, ExperimentView, PooledPairedTest } from '../../../shared/api/experimentViews';
import type { Spread } from '../../../shared/stats/meanInterval';
import { formatCount, formatDuration } from './format';
import { renderTable } from './table';

/** An accuracy spread in percent: "87.3 ± 1.2" over "[84.1, 90.5]" (two lines of a cell); one value alone has no sd or interval. */
export function formatAccuracySpread(spread: Spread): string {
  if (spread.mean === null) return '—';
  const pct = (x: number) => (x * 100).toFixed(1);
  if (spread.sd === null || spread.ci === null) return pct(spread.mean);
  return `${pct(spread.mean)} ± ${pct(spread.sd)}\n[${pct(spread.ci[0])}, ${pct(spread.ci[1])}]`;
}

/** The gap in signed percentage points, with its sd and interval. */
function formatGapSpread(spread: Spread): string {
  if (spread.mean === null) return '—';
  const pts = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;
  if (spread.sd === null || spread.ci === null) return pts(spread.mean);
  return `${pts(spread.mean)} ± ${(spread.sd * 100).toFixed(1)}\n[${pts(spread.ci[0])}, ${pts(spread.ci[1])}]`;
}

const meanOf = (spread: Spread, format: (x: number) => string) => (spread.mean === null ? '—' : format(spread.mean));

/** The aggregated table: per row, mean ± sd [95% CI] over its completed seeds. */
export function renderExperimentRows(rows: readonly ExperimentRow[]): string {
  return renderTable(
    ['method', 'n', 'seed test %', 'val %', 'test %', 'val−test pts', 'calls', 'tokens', 'time'],
    rows.map((row) => [
      row.label,
      `${row.completed}/${row.runs.length}`,
      formatAccuracySpread(row.seedTest),
      formatAccuracySpread(row.val),
      formatAccuracySpread(row.test),
      formatGapSpread(row.gap),
      meanOf(row.calls, formatCount),
      meanOf(row.tokens, formatCount),
      meanOf(row.wallSeconds, formatDuration),
    ]),
  );
}

function formatP(p: number | null): string {
  if (p === null) return '—';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

export function renderComparisons(comparisons: readonly PooledPairedTest[]): string {
  return renderTable(
    ['a', 'b', 'seeds', 'shared items', 'wrong→right', 'right→wrong', 'McNemar p'],
    comparisons.map((c) => [c.a, c.b, c.seeds, c.sharedItems, c.wrongToRight, c.rightToWrong, formatP(c.mcnemarP)]),
  );
}

/** The whole `remo experiment show` text: header, cells, the table and the paired tests. */
export function renderExperiment(view: ExperimentView): string {
  const lines: string[] = [];
  lines.push(`experiment ${view.experimentId}${view.name ? ` "${view.name}"` : ''}: ${view.completed}/${view.cells} runs completed (${view.status})`);
  if (view.simulated) lines.push('SIMULATED: these runs answered the built-in simulator (a test and demo tool), not a model.');
  lines.push(renderTable(
    ['cell', 'method', 'seed', 'run', 'status', 'val %', 'test %'],
    view.cellViews.map((cell) => [
      cell.index, cell.vary ? `${cell.method} · ${cell.vary.key}=${JSON.stringify(cell.vary.value)}` : cell.method, cell.seed, cell.runId ?? '—', cell.status,
      cell.val === null ? '—' : (cell.val * 100).toFixed(1), cell.test === null ? '—' : (cell.test * 100).toFixed(1),
    ]),
  ));
  lines.push('Over seeds: mean ± sd, and below it the 95% t-interval of the mean (clipped to 0-100%); only completed runs count (n).');
  lines.push(renderExperimentRows(view.rows));
  if (view.comparisons.length > 0) {
    lines.push('Paired tests on shared test items, runs paired by seed, discordant counts pooled over seeds (exact McNemar):');
    lines.push(renderComparisons(view.comparisons));
  }
  return lines.join('\n');
}

/** What starting the experiment will cost, before anything is written. */
export function renderPlan(plan: ExperimentPlan): string {
  const time = plan.seconds ? `${formatDuration(plan.seconds.atLeast)} to ${formatDuration(plan.seconds.atMost)}` : 'not estimated';
  return [
    `experiment${plan.name ? ` "${plan.name}"` : ''}: ${plan.runs} runs (${[...new Set(plan.cells.map((c) => c.method))].join(', ')} x seeds ${[...new Set(plan.cells.map((c) => c.seed))].join(', ')})`,
    `estimate: ~${formatCount(plan.calls)} model calls, ~${formatCount(plan.tokens)} tokens, time ${time}`,
    ...plan.basis.map((line) => `  ${line}`),
    ...(plan.simulated ? ['SIMULATED: every endpoint is the built-in simulator (a test and demo tool), not a model.'] : []),
  ].join('\n');
}

/** The `--json` line: the experiment id and, per row, its runs and spreads. */
export function experimentJson(view: ExperimentView): Record<string, unknown> {
  return {
    experimentId: view.experimentId,
    name: view.name,
    status: view.status,
    simulated: view.simulated,
    rows: view.rows.map((row) => ({
      method: row.method,
      ...(row.vary ? { vary: row.vary } : {}),
      label: row.label,
      runs: row.runs,
      completed: row.completed,
      val: spreadJson(row.val),
      test: spreadJson(row.test),
      seedTest: spreadJson(row.seedTest),
      seedVal: spreadJson(row.seedVal),
      gap: spreadJson(row.gap),
      calls: spreadJson(row.calls),
      tokens: spreadJson(row.tokens),
      wallSeconds: spreadJson(row.wallSeconds),
    })),
    comparisons: view.comparisons,
  };
}

const spreadJson = (spread: Spread) => ({ mean: spread.mean, sd: spread.sd, ci: spread.ci, n: spread.n });
