import type { TimelineIndex } from '../../shared/api/timelineViews';
import { codeOf } from '../../shared/api/codeOf';
import { countAtOrBefore } from './countAtOrBefore';

/**
 * Pure helpers over the compact timeline index (parallel columns, one entry per event). The
 * scrubber works in indices (0..n-1); the core speaks global positions.
 */

/** Index of the last event at or before `position` (0 when `position` precedes every event). */
export function indexAtOrBefore(index: TimelineIndex, position: number): number {
  const positions = index.positions;
  return Math.max(0, countAtOrBefore(positions.length, (i) => positions[i]!, position) - 1);
}

/** Appends a later tail (from `runs.timeline` with `afterPosition`) to an index, keeping type codes consistent. */
export function appendTimeline(base: TimelineIndex, tail: TimelineIndex): TimelineIndex {
  const last = base.positions.at(-1) ?? 0;
  const typeNames = [...base.typeNames];
  const remap = tail.typeNames.map((name) => codeOf(typeNames, name));
  const merged: TimelineIndex = {
    ...tail,
    typeNames,
    positions: [...base.positions],
    types: [...base.types],
    phases: [...base.phases],
    epochs: [...base.epochs],
    steps: [...base.steps],
    calls: [...base.calls],
    tokens: [...base.tokens],
  };
  tail.positions.forEach((position, i) => {
    if (position <= last) return;
    merged.positions.push(position);
    merged.types.push(remap[tail.types[i]!]!);
    merged.phases.push(tail.phases[i]!);
    merged.epochs.push(tail.epochs[i]!);
    merged.steps.push(tail.steps[i]!);
    merged.calls.push(tail.calls[i]!);
    merged.tokens.push(tail.tokens[i]!);
  });
  return merged;
}

/** Index of the first event of the next (direction 1) or current/previous (-1) run of one phase. */
export function phaseBoundary(index: TimelineIndex, from: number, direction: 1 | -1): number {
  const phases = index.phases;
  const n = phases.length;
  if (n === 0) return 0;
  if (direction === 1) {
    let i = from;
    while (i < n - 1 && phases[i + 1] === phases[from]) i += 1;
    return Math.min(n - 1, i + 1);
  }
  // Backwards: to the start of the current phase run, or, when already there, of the previous one.
  let i = from;
  if (i > 0 && phases[i - 1] !== phases[i]) i -= 1;
  const phase = phases[i];
  while (i > 0 && phases[i - 1] === phase) i -= 1;
  return i;
}

/** Index of the next (1) or previous (-1) epoch end relative to `from`; stays put when none. */
export function epochBoundary(index: TimelineIndex, from: number, direction: 1 | -1): number {
  const ends = index.epochEnds.map((end) => indexAtOrBefore(index, end.position));
  if (direction === 1) return ends.find((i) => i > from) ?? (index.positions.length - 1);
  return [...ends].reverse().find((i) => i < from) ?? 0;
}

/**
 * Width weights for drawing: the seed, epoch, gate and test evaluations answer hundreds of
 * questions that say little on their own, and would squeeze the optimizer's steps into a sliver
 * of the bar. An evaluation answer gets a twentieth of an event's width; everything else a full one.
 */
export function cumulativeWidths(index: TimelineIndex, lightPhases: readonly number[]): Float64Array {
  const n = index.positions.length;
  const cumulative = new Float64Array(n + 1);
  const answerType = index.typeNames.indexOf('SolverAnswered');
  for (let i = 0; i < n; i += 1) {
    const light = index.types[i] === answerType && lightPhases.includes(index.phases[i] ?? -1);
    cumulative[i + 1] = cumulative[i]! + (light ? 0.05 : 1);
  }
  return cumulative;
}

/** Fraction (0..1) of the bar at which event `i` is drawn (its centre). */
export function fractionOf(cumulative: Float64Array, i: number): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  if (total === 0) return 0;
  return ((cumulative[i] ?? 0) + ((cumulative[i + 1] ?? 0) - (cumulative[i] ?? 0)) / 2) / total;
}

/** Event index under a fraction (0..1) of the bar. */
export function indexAtFraction(cumulative: Float64Array, fraction: number): number {
  const n = cumulative.length - 1;
  if (n <= 0) return 0;
  const target = Math.min(1, Math.max(0, fraction)) * cumulative[n]!;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (cumulative[mid + 1]! <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
