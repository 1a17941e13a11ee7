/**
 * Two-sided exact McNemar test on the discordant pairs of a paired comparison: `b` items went one
 * way, `c` the other. Under the null both directions are equally likely, so min(b, c) is
 * Binomial(b + c, 1/2): p = min(1, 2 * P(X <= min(b, c))). Summed in log space, so thousands of
 * discordant pairs neither overflow nor underflow. 1 when no pair differs.
 */
export function mcnemarExact(b: number, c: number): number {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) throw new RangeError(`mcnemarExact: counts must be non-negative integers, got ${b} and ${c}`);
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  const logHalfPowN = -n * Math.LN2;
  // log C(n, i) for i = 0..k, built up term by term.
  const logTerms: number[] = [];
  let logBinomial = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logBinomial += Math.log(n - i + 1) - Math.log(i);
    logTerms.push(logBinomial + logHalfPowN);
  }
  const max = Math.max(...logTerms);
  let sum = 0;
  for (const term of logTerms) sum += Math.exp(term - max);
  const tail = Math.exp(max + Math.log(sum));
  return Math.min(1, 2 * tail);
}
