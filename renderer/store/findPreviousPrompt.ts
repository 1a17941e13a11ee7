import type { RunStateView } from '../../shared/api/runViews';

/** Folds the run up to a global position; returns null when the core refused. */
export type StateAtPosition = (position: number) => Promise<RunStateView | null>;

/**
 * Finds the prompt version just before `current.prompt.version`, asking the core only for folded
 * states (no knowledge of event types). Versions never decrease along a run's log, so the last
 * position whose version is lower is found by binary search between a known-lower position
 * (an epoch boundary from the metrics, or `lowerBound`) and the current position:
 * O(log n) stateAt calls. Returns null for the seed prompt (version 0) or when the core fails.
 */
export async function findPreviousPrompt(
  current: RunStateView,
  stateAt: StateAtPosition,
  lowerBound: number,
): Promise<{ version: number; text: string; position: number } | null> {
  const version = current.prompt.version;
  if (version <= 0) return null;
  // Tightest known lower bound: the latest epoch boundary before `current` with an older prompt.
  let lo = lowerBound;
  for (const metric of current.metrics) {
    if (metric.position < current.position && metric.promptVersion < version && metric.position > lo) lo = metric.position;
  }
  let hi = current.position;
  let loState = await stateAt(lo);
  if (!loState || loState.prompt.version >= version) return null;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const midState = await stateAt(mid);
    if (!midState) return null;
    if (midState.prompt.version < version) {
      lo = mid;
      loState = midState;
    } else {
      hi = mid;
    }
  }
  return { version: loState.prompt.version, text: loState.prompt.text, position: lo };
}
