import type { Spread } from '../../../shared/stats/meanInterval';
import { formatCount, formatDuration } from '../../format/formatters';

/** A spread over seeds in three parts: the mean, ± the sample sd, and the 95% t interval. */
export interface SpreadText {
  mean: string;
  /** Empty below two values (no sd). */
  sd: string;
  /** Empty below two values (no interval). */
  ci: string;
}

const NONE: SpreadText = { mean: '–', sd: '', ci: '' };
const points = (value: number) => (value * 100).toFixed(1);
const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value * 100).toFixed(1)}`;
const dash = (text: string) => text.replace(/^-/, '−');

/** An accuracy spread in percent: "70.0%", "± 5.0", "[62.1, 77.9]" (one decimal; the core clips the interval to 0–100). */
export function formatSpreadPercent(spread: Spread): SpreadText {
  if (spread.mean === null) return NONE;
  return {
    mean: `${points(spread.mean)}%`,
    sd: spread.sd === null ? '' : `± ${points(spread.sd)}`,
    ci: spread.ci === null ? '' : `[${dash(points(spread.ci[0]))}, ${dash(points(spread.ci[1]))}]`,
  };
}

/** A difference of accuracies in percentage points, signed: "+2.5 pp", "± 1.0", "[−1.0, 6.0]". */
export function formatSpreadPoints(spread: Spread): SpreadText {
  if (spread.mean === null) return NONE;
  return {
    mean: `${signed(spread.mean)} pp`,
    sd: spread.sd === null ? '' : `± ${points(spread.sd)}`,
    ci: spread.ci === null ? '' : `[${dash(points(spread.ci[0]))}, ${dash(points(spread.ci[1]))}]`,
  };
}

/** A count's mean ("1.2k"), or a duration's ("3m 05s"), with its sd in the same unit. */
export function formatSpreadMean(spread: Spread, unit: 'count' | 'seconds'): SpreadText {
  if (spread.mean === null) return NONE;
  const format = unit === 'count' ? (value: number) => formatCount(Math.round(value)) : formatDuration;
  return { mean: format(spread.mean), sd: spread.sd === null ? '' : `± ${format(spread.sd)}`, ci: '' };
}

/** The spread in words for a tooltip: how many runs, the mean, sd and interval. */
export function describeSpread(spread: Spread, text: SpreadText): string {
  if (spread.n === 0) return 'no completed run yet';
  const of = `mean of ${spread.n} completed run${spread.n === 1 ? '' : 's'}`;
  if (spread.n === 1) return `${of} (no sd or interval from one run)`;
  return `${of}; sample sd ${text.sd.replace('± ', '')}${text.ci ? `; 95% t interval ${text.ci}` : ''}`;
}
