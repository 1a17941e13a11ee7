import type { ExperimentCellView, ExperimentRow, PooledPairedTest } from '../api/experimentViews';
import { mcnemarExact } from '../stats/mcnemarExact';
import { meanInterval } from '../stats/meanInterval';
import { rowLabelOf } from './experimentCell';

// Possible ranges: intervals are clipped to them (see meanInterval).
const ACCURACY = { min: 0, max: 1 };
const GAP = { min: -1, max: 1 };
const COUNT = { min: 0, max: Number.POSITIVE_INFINITY };

/**
 * The aggregated table: one row per method (and varied value), statistics over the row's seeds.
 * Only completed runs enter the statistics, so a row never mixes a half-run's numbers with final
 * ones; `completed` says how many there are. Rows keep the grid's order.
 */
export function aggregateExperiment(cells: readonly ExperimentCellView[]): ExperimentRow[] {
  const byLabel = new Map<string, ExperimentCellView[]>();
  for (const cell of cells) {
    const label = rowLabelOf(cell);
    const row = byLabel.get(label);
    if (row) row.push(cell);
    else byLabel.set(label, [cell]);
  }
  return [...byLabel].map(([label, rowCells]) => {
    const sorted = [...rowCells].sort((a, b) => a.seed - b.seed);
    const done = sorted.filter((cell) => cell.status === 'completed');
    const first = sorted[0]!;
    return {
      label,
      method: first.method,
      ...(first.vary ? { vary: first.vary } : {}),
      runs: sorted.flatMap((cell) => (cell.runId ? [cell.runId] : [])),
      completed: done.length,
      seedVal: meanInterval(done.map((c) => c.seedVal), ACCURACY),
      seedTest: meanInterval(done.map((c) => c.seedTest), ACCURACY),
      val: meanInterval(done.map((c) => c.val), ACCURACY),
      test: meanInterval(done.map((c) => c.test), ACCURACY),
      gap: meanInterval(done.map((c) => (c.val === null || c.test === null ? null : c.val - c.test)), GAP),
      calls: meanInterval(done.map((c) => c.calls), COUNT),
      tokens: meanInterval(done.map((c) => c.tokens), COUNT),
      wallSeconds: meanInterval(done.map((c) => c.wallSeconds), COUNT),
    };
  });
}

/** Per item: correct or not on a run's final test. */
export type TestCorrectness = ReadonlyMap<string, boolean>;

/**
 * The paired test of rows `a` and `b`, pooled over seeds: for each seed where both have a final
 * test, the items both were scored on are paired; discordant pairs are summed over seeds and the
 * exact McNemar test is applied to the sums (each seed's items are distinct pairs, so pooling keeps
 * the test's assumptions). `tests` gives, per seed, each row's test correctness.
 */
export function pooledPairedTest(a: string, b: string, tests: ReadonlyMap<number, { a: TestCorrectness | null; b: TestCorrectness | null }>): PooledPairedTest {
  let seeds = 0;
  let sharedItems = 0;
  let wrongToRight = 0;
  let rightToWrong = 0;
  for (const { a: left, b: right } of tests.values()) {
    if (!left || !right) continue;
    let shared = 0;
    for (const [itemId, correctA] of left) {
      const correctB = right.get(itemId);
      if (correctB === undefined) continue;
      shared += 1;
      if (!correctA && correctB) wrongToRight += 1;
      else if (correctA && !correctB) rightToWrong += 1;
    }
    if (shared > 0) seeds += 1;
    sharedItems += shared;
  }
  return { a, b, seeds, sharedItems, wrongToRight, rightToWrong, mcnemarP: sharedItems === 0 ? null : mcnemarExact(wrongToRight, rightToWrong) };
}
