import { describe, expect, it } from 'vitest';
import { boundedMap } from '../../../electron/core/engine/boundedMap';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('boundedMap', () => {
  it('returns results in input order whatever the completion order, with at most `limit` in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const delays = [30, 5, 20, 1, 15, 2, 8];
    const out = await boundedMap(delays, 3, async (ms, i) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(ms);
      inFlight--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(maxInFlight).toBe(3);
  });

  it('stops starting new work after a failure and rethrows it once the started work settled', async () => {
    const started: number[] = [];
    let settled = 0;
    await expect(boundedMap([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      await sleep(n === 2 ? 1 : 10);
      settled++;
      if (n === 2) throw new Error('boom');
      return n;
    })).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
    expect(settled).toBe(2);
  });
});
