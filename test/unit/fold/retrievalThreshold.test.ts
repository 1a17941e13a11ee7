import { describe, expect, it } from 'vitest';
import { pairwiseQuantile } from '../../../shared/fold/retrievalThreshold';

describe('pairwiseQuantile', () => {
  const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
  const v = (...xs: number[]) => Float32Array.from(xs);

  it('takes the quantile of the upper triangle of pairwise similarities', () => {
    // Pairs: (a,b)=0, (a,c)=1, (b,c)=0 -> sorted [0, 0, 1]
    const vectors = [v(1, 0), v(0, 1), v(1, 0)];
    expect(pairwiseQuantile(vectors, dot, 0.5)).toBe(0);
    expect(pairwiseQuantile(vectors, dot, 0.99)).toBe(1);
  });

  it('is 0 for fewer than two vectors', () => {
    expect(pairwiseQuantile([v(1)], dot, 0.99)).toBe(0);
  });
});
