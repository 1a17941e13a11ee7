import type { RunConfig } from '../../../shared/config/runConfig';
import type { RunForkedEventData, RunStartedData } from '../../../shared/events/run';
import type { EventStore } from '../store/types';

/**
 * The config a run executes with: its own first event holds it (RunStarted, or RunForked with the
 * parent's config plus the overrides). A fork never changes config mid-run, so this is the config
 * at every point of the run.
 */
export function runConfigOf(store: EventStore, runId: string): RunConfig | undefined {
  const first = firstOwnEvent(store, runId);
  if (!first) return undefined;
  if (first.type === 'RunStarted') return (first.data as RunStartedData).config;
  if (first.type === 'RunForked') return (first.data as RunForkedEventData).config;
  return undefined;
}

/**
 * The RunStarted data a run (or, for a fork, its root ancestor) began with: dataset, split,
 * templates. Walks up the RunForked chain, reading only first events.
 */
export function runStartedData(store: EventStore, runId: string): RunStartedData | undefined {
  const seen = new Set<string>();
  for (let current: string | undefined = runId; current && !seen.has(current); ) {
    seen.add(current);
    const first = firstOwnEvent(store, current);
    if (!first) return undefined;
    if (first.type === 'RunStarted') return first.data as RunStartedData;
    current = first.type === 'RunForked' ? (first.data as RunForkedEventData).parentRunId : undefined;
  }
  return undefined;
}

/** Size of the training split the run's config resolved to, for comparison tables. */
export function runTrainSize(store: EventStore, runId: string): number | null {
  return runStartedData(store, runId)?.split.train.length ?? null;
}

function firstOwnEvent(store: EventStore, runId: string) {
  // Bounded read: a run's first event is at or after the stream's first global position, and the
  // logical stream of a fork starts with ancestors' events, so read own events only.
  return store.readOwnEvents(runId)[0];
}
