/** The normal quantile of a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/**
 * The Wilson score interval of a binomial proportion `correct / total` (95% by default): unlike
 * the normal approximation it stays inside [0, 1] and is sensible at 0 and at n. Null when
 * nothing was measured (total 0).
 */
export function wilsonInterval(correct: number, total: number, z: number = Z_95): [number, number] | null {
  if (!Number.isFinite(total) || total <= 0) return null;
  if (correct < 0 || correct > total) throw new RangeError(`wilsonInterval: ${correct} correct out of ${total}`);
  const p = correct / total;
  const z2 = z * z;
  const denominator = 1 + z2 / total;
  const center = (p + z2 / (2 * total)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  // Exact ends at 0 and n (the formula gives them up to float noise).
  const low = correct === 0 ? 0 : Math.max(0, center - half);
  const high = correct === total ? 1 : Math.min(1, center + half);
  return [low, high];
}
