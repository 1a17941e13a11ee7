import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../shared/random/seededRandom';

describe('createSeededRandom (sfc32)', () => {
  it('given the same seed twice, then the sequences are identical', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const seqA = Array.from({ length: 100 }, () => a.next());
    const seqB = Array.from({ length: 100 }, () => b.next());
    expect(seqA).toEqual(seqB);
  });

  it('given different seeds (numbers and strings), then the sequences differ', () => {
    const first = (seed: number | string) => {
      const r = createSeededRandom(seed);
      return [r.next(), r.next(), r.next()];
    };
    expect(first(1)).not.toEqual(first(2));
    expect(first('run-a')).not.toEqual(first('run-b'));
    expect(first(1)).not.toEqual(first(1 + 2 ** 32));
  });

  it('when drawing floats and ints, then they stay in range and cover it', () => {
    const r = createSeededRandom(7);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const f = r.next();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      counts[r.int(10)]!++;
    }
    // A uniform draw of 10k over 10 buckets puts ~1000 in each; 800..1200 fails only if broken.
    for (const c of counts) expect(c).toBeGreaterThan(800);
    for (const c of counts) expect(c).toBeLessThan(1200);
  });

  it('when shuffling and sampling, then items are permuted, not lost, and reproducible', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const s1 = createSeededRandom(3).shuffled(items);
    expect([...s1].sort((x, y) => x - y)).toEqual(items);
    expect(s1).not.toEqual(items);
    expect(createSeededRandom(3).shuffled(items)).toEqual(s1);
    const sample = createSeededRandom(3).sample(items, 10);
    expect(new Set(sample).size).toBe(10);
    expect(() => createSeededRandom(3).sample(items, 51)).toThrow(RangeError);
  });

  it('when forking with labels, then forks are stable and independent of draws on the parent', () => {
    const parent = createSeededRandom(9);
    const forkBefore = parent.fork('batches').next();
    parent.next();
    expect(parent.fork('batches').next()).toBe(forkBefore);
    expect(parent.fork('other').next()).not.toBe(forkBefore);
  });
});
