import { hostname } from 'node:os';
import type { LeaseLiveness, RunLease } from './runLeaseTable';

/** How often an executing process refreshes its lease. */
export const HEARTBEAT_INTERVAL_MS = 2_000;
/** A lease not refreshed for this long is considered abandoned (process frozen, other host died). */
export const LEASE_STALE_AFTER_MS = 15_000;

/**
 * The default liveness rule. A lease is live when its heartbeat is fresh AND, when it was taken on
 * this host, its pid still exists. The pid check makes a SIGKILLed run resumable at once instead of
 * after the staleness window; the heartbeat covers other hosts sharing the file and pid reuse.
 * `now` is wall time on purpose (not the injected domain clock, which tests freeze).
 */
export function defaultLeaseLiveness(
  now: () => number = Date.now,
  staleAfterMs: number = LEASE_STALE_AFTER_MS,
): LeaseLiveness {
  const thisHost = hostname();
  return (lease: RunLease) => {
    const age = now() - Date.parse(lease.heartbeatAt);
    if (!(age < staleAfterMs)) return false;
    if (lease.host === thisHost && !pidExists(lease.pid)) return false;
    return true;
  };
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
