import { describe, expect, it } from 'vitest';
import { mcnemarExact } from '../../../shared/stats/mcnemarExact';
import { wilsonInterval } from '../../../shared/stats/wilsonInterval';

const Z = 1.959964;

describe('wilsonInterval (95%)', () => {
  it('matches published values', () => {
    const cases: Array<[number, number, number, number]> = [
      [0, 10, 0, 0.2775],
      [5, 10, 0.2366, 0.7634],
      [10, 10, 0.7225, 1],
      [81, 100, 0.7222, 0.8749],
    ];
    for (const [correct, total, low, high] of cases) {
      const interval = wilsonInterval(correct, total, Z);
      expect(interval).not.toBeNull();
      expect(interval![0]).toBeCloseTo(low, 4);
      expect(interval![1]).toBeCloseTo(high, 4);
    }
  });

  it('is exact at the ends, contains the estimate and narrows with n', () => {
    expect(wilsonInterval(0, 10)![0]).toBe(0);
    expect(wilsonInterval(10, 10)![1]).toBe(1);
    const small = wilsonInterval(40, 50)!;
    const large = wilsonInterval(1055, 1319)!;
    expect(small[0]).toBeLessThan(0.8);
    expect(small[1]).toBeGreaterThan(0.8);
    expect(large[1] - large[0]).toBeLessThan(small[1] - small[0]);
  });

  it('is null when nothing was measured and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
  });
});

describe('mcnemarExact (two-sided)', () => {
  it('matches the exact binomial test', () => {
    expect(mcnemarExact(0, 5)).toBeCloseTo(0.0625, 10);
    expect(mcnemarExact(5, 0)).toBeCloseTo(0.0625, 10);
    expect(mcnemarExact(2, 10)).toBeCloseTo(0.03857, 5);
    expect(mcnemarExact(40, 60)).toBeCloseTo(0.05689, 5);
    expect(mcnemarExact(1, 0)).toBe(1);
  });

  it('is 1 with no discordant pairs or balanced ones', () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(7, 7)).toBe(1);
    expect(mcnemarExact(600, 600)).toBe(1);
  });

  it('stays finite and tiny on 1,319 items', () => {
    const p = mcnemarExact(0, 1319);
    // 2^-1318 is below the smallest double: the answer rounds to 0, never NaN.
    expect(Number.isNaN(p)).toBe(false);
    expect(p).toBeLessThan(1e-300);
    const q = mcnemarExact(600, 719);
    expect(q).toBeGreaterThan(0);
    expect(q).toBeLessThan(0.01);
    expect(q).toBeGreaterThan(0.0001);
  });
});
