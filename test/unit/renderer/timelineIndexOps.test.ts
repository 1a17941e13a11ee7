import { describe, expect, it } from 'vitest';
import { TIMELINE_PHASES, type TimelineIndex } from '../../../shared/api/timelineViews';
import {
  appendTimeline, cumulativeWidths, epochBoundary, fractionOf, indexAtFraction, indexAtOrBefore, phaseBoundary,
} from '../../../renderer/store/timelineIndexOps';

const P = (name: (typeof TIMELINE_PHASES)[number]) => TIMELINE_PHASES.indexOf(name);

/** Events at positions 10, 20, …: control, 3 evaluation answers, forward ×2, critique, control (epoch end). */
function sample(): TimelineIndex {
  const rows: [string, number][] = [
    ['RunStarted', P('control')], ['SolverAnswered', P('evaluate')], ['SolverAnswered', P('evaluate')], ['SolverAnswered', P('evaluate')],
    ['SolverAnswered', P('forward')], ['TrainBatchAnswered', P('forward')], ['CritiqueWritten', P('critique')], ['EpochCompleted', P('control')],
  ];
  const typeNames = [...new Set(rows.map(([type]) => type))];
  return {
    runId: 'r', typeNames, positions: rows.map((_, i) => (i + 1) * 10), types: rows.map(([type]) => typeNames.indexOf(type)),
    phases: rows.map(([, phase]) => phase), epochs: rows.map(() => 1), steps: rows.map(() => 1), calls: rows.map(() => 0), tokens: rows.map(() => 0),
    epochEnds: [{ epoch: 0, position: 40 }, { epoch: 1, position: 80 }], forks: [], forkedAt: null, lastPosition: 80,
  };
}

describe('timeline index operations', () => {
  it('finds the last event at or before a position', () => {
    const index = sample();
    expect(indexAtOrBefore(index, 10)).toBe(0);
    expect(indexAtOrBefore(index, 35)).toBe(2);
    expect(indexAtOrBefore(index, 80)).toBe(7);
    expect(indexAtOrBefore(index, 5)).toBe(0);
    expect(indexAtOrBefore(index, 1000)).toBe(7);
  });

  it('steps by phase: forward to the next phase run, back to the start of this one, then the previous one', () => {
    const index = sample();
    expect(phaseBoundary(index, 0, 1)).toBe(1);
    expect(phaseBoundary(index, 1, 1)).toBe(4);
    expect(phaseBoundary(index, 2, -1)).toBe(1);
    expect(phaseBoundary(index, 1, -1)).toBe(0);
    expect(phaseBoundary(index, 7, 1)).toBe(7);
  });

  it('steps by epoch end', () => {
    const index = sample();
    expect(epochBoundary(index, 0, 1)).toBe(3);
    expect(epochBoundary(index, 3, 1)).toBe(7);
    expect(epochBoundary(index, 7, -1)).toBe(3);
    expect(epochBoundary(index, 3, -1)).toBe(0);
  });

  it('gives evaluation answers a sliver of the bar, and maps fractions back to the same events', () => {
    const index = sample();
    const widths = cumulativeWidths(index, [P('evaluate'), P('gate')]);
    expect(widths[8]).toBeCloseTo(5 + 3 * 0.05);
    for (let i = 0; i < 8; i += 1) expect(indexAtFraction(widths, fractionOf(widths, i))).toBe(i);
    expect(indexAtFraction(widths, 0)).toBe(0);
    expect(indexAtFraction(widths, 1)).toBe(7);
    // The three evaluation answers together take less room than one forward event.
    expect(fractionOf(widths, 4) - fractionOf(widths, 0)).toBeLessThan(2 * (fractionOf(widths, 5) - fractionOf(widths, 4)));
  });

  it('appends a live tail, keeping type codes and skipping positions already known', () => {
    const index = sample();
    const tail: TimelineIndex = { ...sample(), typeNames: ['ReflectionWritten', 'CritiqueWritten'], positions: [80, 90, 100], types: [1, 0, 1], phases: [0, P('reflect'), P('critique')], epochs: [1, 2, 2], steps: [1, 1, 1], calls: [0, 1, 2], tokens: [0, 5, 6] };
    const merged = appendTimeline(index, tail);
    expect(merged.positions).toEqual([...index.positions, 90, 100]);
    expect(merged.types.slice(-2).map((t) => merged.typeNames[t])).toEqual(['ReflectionWritten', 'CritiqueWritten']);
    expect(merged.calls.slice(-2)).toEqual([1, 2]);
    expect(index.positions).toHaveLength(8); // the base is not mutated
  });
});
