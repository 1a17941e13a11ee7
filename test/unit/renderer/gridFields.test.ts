import { describe, expect, it } from 'vitest';
import { experimentConfigOf, parseSeeds, parseVaryValues, type GridFields } from '../../../renderer/views/experiments/gridFields';

const FIELDS: GridFields = { name: ' small ', methods: ['textgrad', 'remo'], seeds: '0, 1, 2', vary: { on: false, key: 'retrievalK', values: '1, 3' } };

describe('the grid fields', () => {
  it('reads seeds separated by commas, spaces allowed', () => {
    expect(parseSeeds('0, 1,2')).toEqual({ ok: true, value: [0, 1, 2] });
    expect(parseSeeds(' 7 ')).toEqual({ ok: true, value: [7] });
  });

  it('names what is wrong with a seed', () => {
    expect(parseSeeds('')).toMatchObject({ ok: false, message: expect.stringContaining('at least one seed') });
    expect(parseSeeds('0, x')).toEqual({ ok: false, message: '"x" is not a whole number ≥ 0' });
    expect(parseSeeds('0,,1')).toEqual({ ok: false, message: 'an empty seed between commas' });
    expect(parseSeeds('-1')).toMatchObject({ ok: false });
    expect(parseSeeds('1.5')).toMatchObject({ ok: false });
  });

  it('reads varied values as numbers, booleans, null or text', () => {
    expect(parseVaryValues('1, 3.5, true, null, "x y", record')).toEqual({ ok: true, value: [1, 3.5, true, null, 'x y', 'record'] });
    expect(parseVaryValues(' ')).toMatchObject({ ok: false });
    expect(parseVaryValues('1,,2')).toEqual({ ok: false, message: 'an empty value between commas' });
  });

  it('builds the experiment file; repeats are left for the core to name', () => {
    expect(experimentConfigOf(FIELDS, { epochs: 1 })).toEqual({ config: { name: 'small', base: { epochs: 1 }, grid: { methods: ['textgrad', 'remo'], seeds: [0, 1, 2] } } });
    expect(experimentConfigOf({ ...FIELDS, seeds: '1, 1' }, {})).toMatchObject({ config: { grid: { seeds: [1, 1] } } });
    expect(experimentConfigOf({ ...FIELDS, vary: { on: true, key: ' retrievalK ', values: '1, 5' } }, {}))
      .toMatchObject({ config: { grid: { vary: { key: 'retrievalK', values: [1, 5] } } } });
  });

  it('or the first field it cannot read, by its path in the file', () => {
    expect(experimentConfigOf({ ...FIELDS, seeds: 'a' }, {})).toEqual({ path: 'grid.seeds', message: '"a" is not a whole number ≥ 0' });
    expect(experimentConfigOf({ ...FIELDS, vary: { on: true, key: 'k', values: '' } }, {})).toMatchObject({ path: 'grid.vary.values' });
  });
});
