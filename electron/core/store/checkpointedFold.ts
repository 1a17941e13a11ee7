import type { StoredEvent } from '../../../shared/events/envelope';
import type { ReadStreamOptions } from './types';

/** A pure left fold over a logical stream. */
export interface FoldDefinition<S> {
  initial(streamId: string): S;
  /** May update `state` in place (the engine's fold does); it is always handed a private copy. */
  evolve(state: S, event: StoredEvent): S;
  /** A deep copy: checkpoints must never share mutable state with what `stateAt` returns. */
  clone(state: S): S;
}

/** What the fold reads: the store's paged logical stream. */
export interface StreamIterator {
  iterateStream(streamId: string, options?: ReadStreamOptions): Iterable<StoredEvent>;
}

interface Checkpoint<S> {
  /** Global position of the last event folded into `state`. */
  position: number;
  state: S;
}

const DEFAULT_EVENTS_BETWEEN_CHECKPOINTS = 1_000;

/**
 * Time travel without refolding from the start: keeps in-memory checkpoints of the fold every
 * `every` events of each stream, and answers `stateAt(stream, position)` from the nearest
 * checkpoint at or before it, so any position costs at most `every` events once a stream has been
 * folded once.
 *
 * Invariant that makes the cache safe without invalidation: the logical stream up to a global
 * position p never changes (the log is append-only, later events get positions above the head,
 * and a fork's lineage is fixed by its first event), so a checkpoint at p stays correct forever.
 */
export class CheckpointedFold<S> {
  private readonly checkpoints = new Map<string, Checkpoint<S>[]>();
  private readonly every: number;

  constructor(
    private readonly reader: StreamIterator,
    private readonly fold: FoldDefinition<S>,
    options: { every?: number } = {},
  ) {
    this.every = options.every ?? DEFAULT_EVENTS_BETWEEN_CHECKPOINTS;
  }

  /** The fold of `streamId`'s logical events with a global position <= `toGlobalPosition` (default: all). */
  stateAt(streamId: string, toGlobalPosition = Number.MAX_SAFE_INTEGER): S {
    const list = this.checkpoints.get(streamId) ?? [];
    this.checkpoints.set(streamId, list);
    const start = list[lastIndexAtOrBefore(list, toGlobalPosition)];
    let state = start ? this.fold.clone(start.state) : this.fold.initial(streamId);
    let sinceCheckpoint = 0;
    const range = { fromGlobalPosition: (start?.position ?? 0) + 1, toGlobalPosition };
    for (const event of this.reader.iterateStream(streamId, range)) {
      state = this.fold.evolve(state, event);
      if (++sinceCheckpoint >= this.every) {
        insertCheckpoint(list, { position: event.globalPosition, state: this.fold.clone(state) });
        sinceCheckpoint = 0;
      }
    }
    return state;
  }

  /** Number of checkpoints held for a stream (for tests and diagnostics). */
  checkpointCount(streamId: string): number {
    return this.checkpoints.get(streamId)?.length ?? 0;
  }
}

/** Index of the last checkpoint with position <= `position`, or -1. `list` is sorted by position. */
function lastIndexAtOrBefore<S>(list: readonly Checkpoint<S>[], position: number): number {
  let low = 0;
  let high = list.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (list[middle]!.position <= position) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

function insertCheckpoint<S>(list: Checkpoint<S>[], checkpoint: Checkpoint<S>): void {
  const index = lastIndexAtOrBefore(list, checkpoint.position);
  if (index >= 0 && list[index]!.position === checkpoint.position) return;
  list.splice(index + 1, 0, checkpoint);
}
