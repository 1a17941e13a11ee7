import type { RunConfig } from '../../../shared/config/runConfig';
import type { RunForkedEventData, RunReconfiguredData, RunStartedData } from '../../../shared/events/run';
import type { EventStore } from '../store/types';

/**
 * The config a run executes with now: its own first event holds it (RunStarted, or RunForked with
 * the parent's config plus the overrides), unless a later RunReconfigured (new endpoints before a
 * resume) replaced it.
 */
export function runConfigOf(store: EventStore, runId: string): RunConfig | undefined {
  const reconfigured = latestReconfiguration(store, runId);
  if (reconfigured) return reconfigured.config;
  const first = firstOwnEvent(store, runId);
  if (!first) return undefined;
  if (first.type === 'RunStarted') return (first.data as RunStartedData).config;
  if (first.type === 'RunForked') return (first.data as RunForkedEventData).config;
  return undefined;
}

/** The run's last RunReconfigured, read by type and stream alone (no scan of the run's payloads). */
export function latestReconfiguration(store: EventStore, runId: string): RunReconfiguredData | undefined {
  const row = store.db
    .prepare("SELECT global_position FROM events WHERE stream_id = ? AND type = 'RunReconfigured' ORDER BY global_position DESC LIMIT 1")
    .get(runId) as { global_position: number } | undefined;
  if (!row) return undefined;
  // Read through the store so the registry upcasts it like any other event.
  const [event] = store.readAll({ after: row.global_position - 1, limit: 1 });
  return event?.type === 'RunReconfigured' ? (event.data as RunReconfiguredData) : undefined;
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
