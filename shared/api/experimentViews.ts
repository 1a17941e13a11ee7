import type { Spread } from '../stats/meanInterval';
import type { ExperimentCell } from '../experiments/experimentCell';
import type { RunStatus } from './runViews';

/** One cell of an experiment as the UI and the CLI show it: the run that holds it and its numbers. */
export interface ExperimentCellView extends ExperimentCell {
  /** The cell's run; null until it was started. */
  runId: string | null;
  status: RunStatus | 'not started';
  /** Schedule units done / total while it runs (the run's progress), for filling cells in. */
  done: number;
  total: number;
  seedVal: number | null;
  seedTest: number | null;
  val: number | null;
  test: number | null;
  calls: number;
  tokens: number;
  wallSeconds: number;
  simulated: boolean;
}

/** One row of the aggregated table: a method (and varied value), over its seeds. */
export interface ExperimentRow {
  /** The method, with ` · key=value` when the grid varies a key. */
  label: string;
  method: ExperimentCell['method'];
  vary?: ExperimentCell['vary'];
  /** The rows' runs in seed order (started cells only). */
  runs: string[];
  /** Runs that completed: only they enter the statistics. */
  completed: number;
  seedVal: Spread;
  seedTest: Spread;
  val: Spread;
  test: Spread;
  /** val - test per run: how much the optimized prompt overfits the validation split. */
  gap: Spread;
  calls: Spread;
  tokens: Spread;
  wallSeconds: Spread;
}

/**
 * Two rows compared on their test items, paired by seed and pooled: per seed the two runs' final
 * tests are matched item by item; the discordant counts are summed over seeds and tested with the
 * exact McNemar test. Null p when no seed has both runs' test.
 */
export interface PooledPairedTest {
  a: string;
  b: string;
  seeds: number;
  sharedItems: number;
  /** Items wrong in a and right in b, summed over seeds. */
  wrongToRight: number;
  rightToWrong: number;
  mcnemarP: number | null;
}

export type ExperimentStatus = 'running' | 'completed' | 'incomplete';

export interface ExperimentSummary {
  experimentId: string;
  name: string;
  createdAt: string;
  cells: number;
  completed: number;
  /** running: some cell runs in this process or another; completed: every cell completed; else incomplete (resume it). */
  status: ExperimentStatus;
  methods: string[];
  seeds: number[];
  simulated: boolean;
}

export interface ExperimentView extends ExperimentSummary {
  base: Record<string, unknown>;
  grid: Record<string, unknown>;
  cellViews: ExperimentCellView[];
  rows: ExperimentRow[];
  comparisons: PooledPairedTest[];
}

/** What an experiment will cost, before it starts. */
export interface ExperimentPlan {
  name: string;
  runs: number;
  cells: ExperimentCell[];
  /** Estimated model calls over all runs (from the recipe: split sizes, schedule, method). */
  calls: number;
  /** Estimated tokens (prompt + completion) over all runs. */
  tokens: number;
  /**
   * Estimated wall time in seconds, from similar completed runs in this database (null when there
   * is none): at least the longest cell (all cells at once, never short of slots), at most every
   * cell one after another (the endpoints' limits fully shared).
   */
  seconds: { atLeast: number; atMost: number } | null;
  /** How the figures were made, in words (e.g. "tokens per call from run r12ab..."). */
  basis: string[];
  /** True when every endpoint is the built-in simulator (test and demo tool): numbers are not model results. */
  simulated: boolean;
}
