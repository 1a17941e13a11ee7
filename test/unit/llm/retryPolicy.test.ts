import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, nextDelayMs, parseRetryAfterMs } from '../../../electron/core/llm/retry/retryPolicy';

const now = new Date('2026-11-25T10:00:00Z');

describe('parseRetryAfterMs', () => {
  it('reads delta-seconds, including fractions', () => {
    expect(parseRetryAfterMs('2', now)).toBe(2000);
    expect(parseRetryAfterMs('0.5', now)).toBe(500);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfterMs('Wed, 25 Nov 2026 10:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfterMs('Wed, 25 Nov 2026 09:59:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
  });
});

describe('backoff', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
  it('doubles per retry, with jitter between half and all of the exponential delay', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(1, policy, () => 0.999999)).toBe(100);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(200);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(300);
  });
  it('is capped', () => {
    expect(backoffDelayMs(20, policy, () => 1)).toBe(1000);
  });
  it('prefers the server Retry-After over backoff', () => {
    expect(nextDelayMs(1, 2500, policy, () => 0)).toBe(2500);
    expect(nextDelayMs(1, undefined, policy, () => 0)).toBe(50);
  });
});
