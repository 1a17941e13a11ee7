import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatPercent } from '../../../renderer/format/formatters';

describe('formatters', () => {
  it('shows accuracies as percentages and unmeasured ones as a dash', () => {
    expect(formatPercent(0.9034)).toBe('90.3%');
    expect(formatPercent(null)).toBe('–');
  });
  it('abbreviates counts', () => {
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234)).toBe('1.2k');
    expect(formatCount(45_600)).toBe('46k');
    expect(formatCount(2_500_000)).toBe('2.5M');
  });
  it('formats durations', () => {
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatDuration(3720)).toBe('1h 02m');
  });
});
