import { describe, expect, it } from 'vitest';
import { loadBuiltinDataset } from '../../../electron/core/datasets/loadBuiltinDataset';
import { resolveSplit, pickItems, SplitError } from '../../../shared/datasets/resolveSplit';
import { splitPresets } from '../../../shared/datasets/splitPresets';
import type { DatasetParts } from '../../../shared/datasets/datasetItem';

const gsm8k = loadBuiltinDataset('gsm8k');

/** A synthetic dataset with `n` items and an optional test part of `t` items. */
function synthetic(n: number, t: number | null): DatasetParts {
  const make = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, question: `q${prefix}${i}`, answer: String(i) }));
  return { train: make('tr', n), test: t === null ? null : make('te', t) };
}

function expectDisjoint(split: { train: string[]; val: string[]; test: string[] }) {
  const all = [...split.train, ...split.val, ...split.test];
  expect(new Set(all).size).toBe(all.length);
}

describe('resolveSplit: textgrad-dspy (DSPy GSM8K split)', () => {
  const split = resolveSplit(gsm8k, { preset: 'textgrad-dspy' });

  it('given GSM8K, then sizes are 200 / 300 / 1319', () => {
    expect([split.train.length, split.val.length, split.test.length]).toEqual([200, 300, 1319]);
    expectDisjoint(split);
  });

  it('given GSM8K, then the first ids equal Python\'s Random(0).shuffle(range(7473))', () => {
    // Fixture from python3 3.11.7 on the team machine:
    //   r=random.Random(0); x=list(range(7473)); r.shuffle(x); x[:5] -> [4530, 6017, 4120, 3208, 2585]
    //   x[200:205] -> [1872, 1933, 400, 3371, 4689]
    expect(split.train.slice(0, 5)).toEqual([4530, 6017, 4120, 3208, 2585].map((i) => `gsm8k-train-${i}`));
    expect(split.val.slice(0, 5)).toEqual([1872, 1933, 400, 3371, 4689].map((i) => `gsm8k-train-${i}`));
    expect(split.val.slice(-5)).toEqual([6874, 4763, 2684, 5588, 4316].map((i) => `gsm8k-train-${i}`));
    //   r=random.Random(0); y=list(range(1319)); r.shuffle(y); y[:10]
    expect(split.test.slice(0, 10)).toEqual([1101, 120, 474, 991, 192, 1020, 350, 480, 883, 1062].map((i) => `gsm8k-test-${i}`));
  });

  it('given a dataset without a test split, then it refuses (the preset is defined on official splits)', () => {
    expect(() => resolveSplit(synthetic(600, null), { preset: 'textgrad-dspy' })).toThrow(SplitError);
  });
});

describe('resolveSplit: paper-100 and paper-full', () => {
  it('given paper-100 on GSM8K, then 1000 / 100 / 100, disjoint, and deterministic per seed', () => {
    const a = resolveSplit(gsm8k, { preset: 'paper-100', seed: 7 });
    const b = resolveSplit(gsm8k, { preset: 'paper-100', seed: 7 });
    const c = resolveSplit(gsm8k, { preset: 'paper-100', seed: 8 });
    expect([a.train.length, a.val.length, a.test.length]).toEqual([1000, 100, 100]);
    expectDisjoint(a);
    expect(a.test.every((id) => id.startsWith('gsm8k-test-'))).toBe(true);
    expect(a.val.every((id) => id.startsWith('gsm8k-train-'))).toBe(true);
    expect(b).toEqual(a);
    expect(c.hash).not.toBe(a.hash);
  });

  it('given paper-full on GSM8K, then 6973 / 500 / 1319 covering the whole dataset, with the "our reading" note', () => {
    const s = resolveSplit(gsm8k, { preset: 'paper-full', seed: 0 });
    expect([s.train.length, s.val.length, s.test.length]).toEqual([6973, 500, 1319]);
    expectDisjoint(s);
    expect(new Set([...s.train, ...s.val]).size).toBe(7473);
    expect(s.notes.join(' ')).toMatch(/our reading/);
    expect(splitPresets['paper-full'].description).toMatch(/our reading/i);
  });

  it('given paper-100 on a dataset without test split, then test is carved out and a note says so', () => {
    const s = resolveSplit(synthetic(1500, null), { preset: 'paper-100', seed: 1 });
    expect([s.train.length, s.val.length, s.test.length]).toEqual([1000, 100, 100]);
    expectDisjoint(s);
    expect(s.notes.join(' ')).toMatch(/no test split/);
  });

  it('given a too-small dataset, then a SplitError names the shortfall', () => {
    expect(() => resolveSplit(synthetic(1050, 200), { preset: 'paper-100', seed: 0 })).toThrow(/needs 1100 items/);
    expect(() => resolveSplit(synthetic(2000, 50), { preset: 'paper-100', seed: 0 })).toThrow(/needs 100 test items/);
  });
});

describe('resolveSplit: custom', () => {
  it('given sizes and a seed, then val comes from train and test from the test split', () => {
    const s = resolveSplit(synthetic(50, 20), { preset: 'custom', train: 10, val: 5, test: 7, seed: 3 });
    expect([s.train.length, s.val.length, s.test.length]).toEqual([10, 5, 7]);
    expect([...s.train, ...s.val].every((id) => id.startsWith('tr-'))).toBe(true);
    expect(s.test.every((id) => id.startsWith('te-'))).toBe(true);
    expect(s.notes).toEqual([]);
  });

  it('given the same ids from two specs, then the hash is the same (the hash names the split, not the spec)', () => {
    const a = resolveSplit(gsm8k, { preset: 'custom', train: 200, val: 300, test: 1319, seed: 0 });
    const b = resolveSplit(gsm8k, { preset: 'textgrad-dspy' });
    expect(a.hash).toBe(b.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('given invalid sizes, then the spec is rejected', () => {
    expect(() => resolveSplit(synthetic(10, null), { preset: 'custom', train: -1, val: 0, test: 0 } as never)).toThrow();
  });

  it('maps ids back to items in split order', () => {
    const data = synthetic(10, null);
    const s = resolveSplit(data, { preset: 'custom', train: 3, val: 2, test: 2, seed: 0 });
    expect(pickItems(data.train, s.train).map((i) => i.id)).toEqual(s.train);
    expect(() => pickItems(data.train, ['nope'])).toThrow(SplitError);
  });
});
