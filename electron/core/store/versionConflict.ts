import type { ExpectedVersion } from '../../../shared/events/envelope';

/** `append` found the stream at another version than the caller expected; nothing was written. */
export class VersionConflict extends Error {
  override name = 'VersionConflict';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's version when the append was attempted (0 = no stream). */
    readonly actual: number,
  ) {
    super(`version conflict on stream ${streamId}: expected ${String(expected)}, actual ${actual}`);
  }
}

/** True when a stream at `actual` satisfies `expected`. */
export function versionMatches(expected: ExpectedVersion, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'stream-exists':
      return actual > 0;
    case 'no-stream':
      return actual === 0;
    default:
      return actual === expected;
  }
}
