import { describe, expect, it } from 'vitest';
import { formatUrlPoint, parseUrlPoint } from '../../../renderer/navigation/urlPoint';

describe('the URL point', () => {
  it('round-trips a run and a position through the hash', () => {
    expect(parseUrlPoint(formatUrlPoint({ runId: 'r12ab', position: 345 }))).toEqual({ runId: 'r12ab', position: 345 });
    expect(parseUrlPoint(formatUrlPoint({ runId: 'r12ab' }))).toEqual({ runId: 'r12ab' });
    expect(parseUrlPoint(formatUrlPoint({ runId: 'a b&c=d' }))).toEqual({ runId: 'a b&c=d' });
  });

  it('round-trips a comparison', () => {
    expect(parseUrlPoint(formatUrlPoint({ compare: ['r1', 'r2'] }))).toEqual({ compare: ['r1', 'r2'] });
    expect(parseUrlPoint('#compare=')).toBeNull();
  });

  it('ignores a hash without a run and positions that are not positive integers', () => {
    expect(parseUrlPoint('')).toBeNull();
    expect(parseUrlPoint('#at=5')).toBeNull();
    expect(parseUrlPoint('#run=r1&at=-3')).toEqual({ runId: 'r1' });
    expect(parseUrlPoint('#run=r1&at=2.5')).toEqual({ runId: 'r1' });
  });
});
