/** One piece of a logical stream: the events of `streamId` with a global position <= `upTo`. */
export interface LineageSegment {
  streamId: string;
  upTo: number;
}

/** Where a forked stream branched off: the payload of its RunForked first event. */
export interface ForkOrigin {
  parentRunId: string;
  parentPosition: number;
}

/** Deeper than any real fork chain; guards against a corrupted log looping forever. */
const MAX_FORK_DEPTH = 10_000;

/**
 * The segments of a stream's logical history, root ancestor first. A fork contributes its parent's
 * lineage bounded by the fork's `parentPosition` (and by any tighter bound from further down),
 * then its own events. Concatenating the segments gives global order, because a fork's own events
 * are always appended after its parent position.
 */
export function forkLineage(streamId: string, originOf: (streamId: string) => ForkOrigin | undefined): LineageSegment[] {
  const segments: LineageSegment[] = [];
  let current = streamId;
  let bound = Number.MAX_SAFE_INTEGER;
  for (let depth = 0; depth < MAX_FORK_DEPTH; depth++) {
    segments.push({ streamId: current, upTo: bound });
    const origin = originOf(current);
    if (!origin) return segments.reverse();
    bound = Math.min(bound, origin.parentPosition);
    current = origin.parentRunId;
  }
  throw new Error(`fork chain of ${streamId} is deeper than ${MAX_FORK_DEPTH}: the log is corrupt`);
}
