/**
 * The gateway's one retry policy (the SDK's own retries are off). Pure functions: the caller
 * injects `random` and the current time so tests can measure the waits exactly.
 */
export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  /** Backoff before retry n (1-based) is about baseDelayMs * 2^(n-1), capped, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking for a longer pause than this is not waited for: the call fails instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

/**
 * "Equal jitter" exponential backoff: half the exponential delay is fixed, half is random, so
 * waits grow with every attempt yet replicas hit by the same outage do not retry in lockstep.
 */
export function backoffDelayMs(retryNumber: number, policy: RetryPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/**
 * Parses a Retry-After header: delta-seconds ("2", "0.5") or an HTTP date. Returns the wait in
 * ms (never negative) or undefined when absent or unreadable.
 */
export function parseRetryAfterMs(header: string | null | undefined, now: Date): number | undefined {
  if (header == null) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

/** The wait before the next attempt: the server's Retry-After when it gave one, else backoff. */
export function nextDelayMs(retryNumber: number, retryAfterMs: number | undefined, policy: RetryPolicy, random: () => number): number {
  return retryAfterMs !== undefined ? retryAfterMs : backoffDelayMs(retryNumber, policy, random);
}
