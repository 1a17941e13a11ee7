import { describe, expect, it } from 'vitest';
import { meanInterval, tQuantile975 } from '../../../shared/stats/meanInterval';
import { aggregateExperiment, pooledPairedTest } from '../../../shared/experiments/aggregateExperiment';
import { expandGrid, cellRunConfig } from '../../../shared/experiments/experimentCell';
import { experimentConfigSchema } from '../../../shared/experiments/experimentConfig';
import type { ExperimentCellView } from '../../../shared/api/experimentViews';

describe('meanInterval', () => {
  it('gives mean, sample sd and the t interval', () => {
    const spread = meanInterval([0.8, 0.9, 1.0]);
    expect(spread.n).toBe(3);
    expect(spread.mean).toBeCloseTo(0.9, 12);
    expect(spread.sd).toBeCloseTo(0.1, 12);
    const half = 4.3027 * 0.1 / Math.sqrt(3);
    expect(spread.ci![0]).toBeCloseTo(0.9 - half, 10);
    expect(spread.ci![1]).toBeCloseTo(0.9 + half, 10);
  });

  it('clips the interval to the possible range, and has no sd or interval below two values', () => {
    expect(meanInterval([0.8, 0.9, 1.0], { min: 0, max: 1 }).ci![1]).toBe(1);
    expect(meanInterval([0.5])).toEqual({ n: 1, mean: 0.5, sd: null, ci: null });
    expect(meanInterval([null, undefined])).toEqual({ n: 0, mean: null, sd: null, ci: null });
  });

  it('has t quantiles from the table and close to the exact value past it', () => {
    expect(tQuantile975(1)).toBe(12.7062);
    expect(tQuantile975(2)).toBe(4.3027);
    expect(tQuantile975(40)).toBeCloseTo(2.0211, 3);
    expect(tQuantile975(1000)).toBeCloseTo(1.9623, 3);
    expect(() => tQuantile975(0)).toThrow(RangeError);
  });
});

describe('experiment grid', () => {
  it('expands methods x varied values x seeds, and each cell\'s config sets its method, seed and key', () => {
    const config = experimentConfigSchema.parse({ name: 'k', base: { preset: 'paper-100', retrievalK: 3 }, grid: { methods: ['textgrad', 'remo'], seeds: [0, 7], vary: { key: 'retrievalK', values: [1, 5] } } });
    const cells = expandGrid(config);
    expect(cells.map((c) => `${c.method}/${String(c.vary?.value)}/${c.seed}`)).toEqual([
      'textgrad/1/0', 'textgrad/1/7', 'textgrad/5/0', 'textgrad/5/7', 'remo/1/0', 'remo/1/7', 'remo/5/0', 'remo/5/7',
    ]);
    expect(cellRunConfig(config, cells[6]!)).toMatchObject({ preset: 'paper-100', method: 'remo', seed: 0, retrievalK: 5, name: 'k · remo · retrievalK=5 · seed 0' });
  });

  it('refuses repeats, fixed keys and grids past the limit', () => {
    expect(experimentConfigSchema.safeParse({ base: {}, grid: { methods: ['remo'], seeds: [1, 1] } }).success).toBe(false);
    expect(experimentConfigSchema.safeParse({ base: {}, grid: { methods: ['remo'], seeds: [1], vary: { key: 'seed', values: [1] } } }).success).toBe(false);
    const big = { base: {}, grid: { methods: ['textgrad', 'remo', 'remo-rag', 'remo-optimizer'], seeds: Array.from({ length: 16 }, (_, i) => i) } };
    expect(experimentConfigSchema.safeParse(big).error?.issues[0]?.message).toMatch(/64 cells; at most 60/);
  });
});

describe('aggregation', () => {
  const cell = (method: ExperimentCellView['method'], seed: number, status: ExperimentCellView['status'], val: number, test: number): ExperimentCellView => ({
    index: 0, method, seed, runId: `${method}-${seed}`, status, done: 1, total: 1, seedVal: 0.5, seedTest: 0.5, val, test, calls: 10, tokens: 100, wallSeconds: 3, simulated: false,
  });

  it('counts only completed runs, keeps the grid order and lists runs by seed', () => {
    const rows = aggregateExperiment([cell('remo', 1, 'completed', 0.9, 0.8), cell('remo', 0, 'completed', 0.7, 0.6), cell('textgrad', 0, 'failed', 0.1, 0.1)]);
    expect(rows.map((r) => r.label)).toEqual(['remo', 'textgrad']);
    expect(rows[0]!.runs).toEqual(['remo-0', 'remo-1']);
    expect(rows[0]!.test.mean).toBeCloseTo(0.7, 12);
    expect(rows[0]!.gap.mean).toBeCloseTo(0.1, 12);
    expect(rows[1]!.completed).toBe(0);
    expect(rows[1]!.test.mean).toBeNull();
  });

  it('pools discordant pairs over seeds, on shared items only', () => {
    const tests = new Map([
      [0, { a: new Map([['q1', false], ['q2', true], ['q3', true]]), b: new Map([['q1', true], ['q2', true], ['q4', false]]) }],
      [1, { a: new Map([['q1', false], ['q2', true]]), b: new Map([['q1', true], ['q2', false]]) }],
      [2, { a: new Map([['q1', true]]), b: null }],
    ]);
    expect(pooledPairedTest('a', 'b', tests)).toMatchObject({ seeds: 2, sharedItems: 4, wrongToRight: 2, rightToWrong: 1 });
    expect(pooledPairedTest('a', 'b', new Map()).mcnemarP).toBeNull();
  });
});
