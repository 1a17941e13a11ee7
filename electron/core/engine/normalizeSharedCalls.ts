import type { LoggedCall, NewRunEvent } from '../../../shared/events/run/runEventTypes';

/** Hidden tag on a call record: the in-phase request it answered (never serialised). */
export const SHARED_REQUEST = Symbol('sharedRequest');

type TaggedCall = LoggedCall & { [SHARED_REQUEST]?: string };

/**
 * Identical requests of one phase share one model call. Which requester happened to send it
 * depends on timing; the log must not. So, walking the phase's events in order, the first record
 * of each shared request is the real call and every later one is recorded as a cache hit (what a
 * serial run sees). Mutates the records in place.
 */
export function normalizeSharedCalls(events: readonly NewRunEvent[]): void {
  const seen = new Set<string>();
  for (const event of events) {
    for (const call of ((event.data as { calls?: TaggedCall[] }).calls ?? [])) {
      const key = call[SHARED_REQUEST];
      if (key === undefined) continue;
      if (seen.has(key)) Object.assign(call, { cached: true, attempts: 0, latencyMs: 0 });
      else seen.add(key);
    }
  }
}
