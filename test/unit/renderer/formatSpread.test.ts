import { describe, expect, it } from 'vitest';
import { meanInterval } from '../../../shared/stats/meanInterval';
import { describeSpread, formatSpreadMean, formatSpreadPercent, formatSpreadPoints } from '../../../renderer/views/experiments/formatSpread';

describe('formatting spreads over seeds', () => {
  it('accuracies in percent: mean, sd and the 95% t interval, one decimal', () => {
    const spread = meanInterval([0.7, 0.8]);
    // mean 0.75, sd 0.0707, half-width 12.7062 * 0.0707 / sqrt(2) = 0.635
    expect(formatSpreadPercent(spread)).toEqual({ mean: '75.0%', sd: '± 7.1', ci: '[11.5, 138.5]' });
    expect(describeSpread(spread, formatSpreadPercent(spread))).toBe('mean of 2 completed runs; sample sd 7.1; 95% t interval [11.5, 138.5]');
  });

  it('one run has a mean but no sd or interval; none has a dash', () => {
    expect(formatSpreadPercent(meanInterval([0.5]))).toEqual({ mean: '50.0%', sd: '', ci: '' });
    expect(describeSpread(meanInterval([0.5]), formatSpreadPercent(meanInterval([0.5])))).toMatch(/^mean of 1 completed run \(/);
    expect(formatSpreadPercent(meanInterval([]))).toEqual({ mean: '–', sd: '', ci: '' });
    expect(describeSpread(meanInterval([]), formatSpreadPercent(meanInterval([])))).toBe('no completed run yet');
  });

  it('the val − test gap in signed percentage points, negative bounds with a minus sign', () => {
    expect(formatSpreadPoints(meanInterval([0.025]))).toEqual({ mean: '+2.5 pp', sd: '', ci: '' });
    expect(formatSpreadPoints(meanInterval([-0.1, 0]))).toEqual({ mean: '−5.0 pp', sd: '± 7.1', ci: '[−68.5, 58.5]' });
    expect(formatSpreadPoints(meanInterval([0, 0])).mean).toBe('0.0 pp');
  });

  it('calls and tokens as rounded counts, time as a duration', () => {
    expect(formatSpreadMean(meanInterval([1200, 1300]), 'count')).toEqual({ mean: '1.3k', sd: '± 71', ci: '' });
    expect(formatSpreadMean(meanInterval([60, 70]), 'seconds')).toEqual({ mean: '1m 05s', sd: '± 7s', ci: '' });
    expect(formatSpreadMean(meanInterval([]), 'count').mean).toBe('–');
  });
});
