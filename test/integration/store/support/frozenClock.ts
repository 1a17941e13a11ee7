import type { Clock } from '../../../../electron/core/store/types';

/** A clock that starts at a fixed instant and moves one second per call: deterministic recorded times. */
export function steppingClock(startIso = '2026-01-01T00:00:00.000Z'): Clock {
  let ms = Date.parse(startIso);
  return () => {
    const now = new Date(ms);
    ms += 1_000;
    return now;
  };
}
