/**
 * Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom (standard table values, to
 * four decimals). Experiments have at most 20 seeds, so the table covers every case that occurs;
 * larger df use the Cornish-Fisher expansion around the normal quantile.
 */
const T_975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281,
  2.201, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086,
  2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
];
const Z_975 = 1.959963984540054;

/** The 0.975 quantile of Student's t with `df` degrees of freedom. */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`tQuantile975: df must be a positive integer, got ${df}`);
  if (df <= T_975.length) return T_975[df - 1]!;
  const z = Z_975;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/** Mean, sample standard deviation and the t-based 95% interval for the mean of a few numbers. */
export interface Spread {
  /** How many values (nulls, i.e. not measured, are left out). */
  n: number;
  mean: number | null;
  /** Sample standard deviation (n - 1); null below two values. */
  sd: number | null;
  /** mean +- t(0.975, n-1) * sd / sqrt(n); null below two values. */
  ci: [number, number] | null;
}

/**
 * `bounds`: the values' possible range (accuracies [0, 1]); the interval is clipped to it, since a
 * t-interval over two or three seeds easily reaches past 100% and no mean can lie there.
 */
export function meanInterval(values: readonly (number | null | undefined)[], bounds?: { min: number; max: number }): Spread {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { n, mean: null, sd: null, ci: null };
  const mean = xs.reduce((sum, x) => sum + x, 0) / n;
  if (n === 1) return { n, mean, sd: null, ci: null };
  const sd = Math.sqrt(xs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1));
  const half = tQuantile975(n - 1) * sd / Math.sqrt(n);
  const low = bounds ? Math.max(bounds.min, mean - half) : mean - half;
  const high = bounds ? Math.min(bounds.max, mean + half) : mean + half;
  return { n, mean, sd, ci: [low, high] };
}
