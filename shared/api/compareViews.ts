/**
 * Read-side shapes of comparing runs: the compare report (the paper's table with intervals, usage
 * per role and paired tests on shared test items). Pure data, JSON-serialisable; built by the core
 * (electron/core/compare), shown by the UI and by `remo compare --json`.
 */
import type { Method, RunStatus } from './runViews';

/** A closed interval [low, high] of an accuracy in [0, 1]. */
export type Interval = [number, number];

/** Calls, tokens and model seconds of one role in one run. */
export interface RoleUsageView { calls: number; promptTokens: number; completionTokens: number; seconds: number }

export interface CompareRun {
  runId: string;
  name: string;
  method: Method;
  model: string;
  status: RunStatus;
  simulated: boolean;
  parentRunId: string | null;
  epochs: number;
  epochsPlanned: number;
  trainSize: number | null;
  seedVal: number | null;
  seedTest: number | null;
  val: number | null;
  test: number | null;
  /** val - test, without float noise; null until both exist. */
  gap: number | null;
  testPromptOnly: number | null;
  /** The last epoch's val of the prompt without the notebook (notebook methods), else null. */
  valPromptOnly: number | null;
  /** 95% Wilson score intervals, and the number of items each accuracy was measured on. */
  valCI: Interval | null;
  testCI: Interval | null;
  seedTestCI: Interval | null;
  testPromptOnlyCI: Interval | null;
  valItems: number | null;
  testItems: number | null;
  usageByRole: Record<string, RoleUsageView>;
  calls: number;
  tokens: number;
  wallSeconds: number;
  /** Validation (and, at the last epoch, test) accuracy per epoch; epoch 0 is the seed prompt. */
  curve: { epoch: number; val: number | null; test: number | null }[];
  /** Position of the final test evaluation in the run's log (for links), null before it. */
  testPosition: number | null;
}

/** One test item whose correctness differs between two runs, with both answers. */
export interface FlippedItem {
  itemId: string;
  question: string | null;
  gold: string | null;
  a: { correct: boolean; predicted: string | null; position: number | null };
  b: { correct: boolean; predicted: string | null; position: number | null };
}

/** The paired comparison of two runs scored on the same test items (exact McNemar test). */
export interface ComparePair {
  a: string;
  b: string;
  /** Test items both runs were scored on. */
  sharedItems: number;
  /** Items wrong in `a` and right in `b`, and the reverse. */
  wrongToRight: number;
  rightToWrong: number;
  /** Two-sided exact McNemar p-value (binomial on the discordant pairs); 1 when none differ. */
  mcnemarP: number;
  flipped: FlippedItem[];
}

export interface CompareReport {
  runs: CompareRun[];
  /** Every pair of the requested runs (in request order) that share test items. */
  pairs: ComparePair[];
}
