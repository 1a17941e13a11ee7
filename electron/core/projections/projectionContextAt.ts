import type { EventReader } from './eventReader';
import type { ProjectionContext } from './projection';

/** A context whose reads stop at `position` (see ProjectionContext for why). */
export function projectionContextAt(reader: EventReader, position: number): ProjectionContext {
  return {
    position,
    readStream(streamId, options = {}) {
      const to = Math.min(options.toGlobalPosition ?? position, position);
      return reader.readStream(streamId, { ...options, toGlobalPosition: to });
    },
    readOwnEvents(streamId) {
      return reader.readOwnEvents(streamId).filter((event) => event.globalPosition <= position);
    },
  };
}
