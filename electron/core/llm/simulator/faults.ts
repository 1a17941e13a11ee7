import { hashUnit } from './seededHash';

/** Faults the simulator can inject. See README.md ("Fault injection"). */
export const FAULT_KINDS = [
  'rate-limit', // 429 with Retry-After
  'server-error', // 500
  'unavailable', // 503
  'hang', // no reply until hangMs passes or the simulator stops
  'malformed-json', // 200, JSON content type, broken body
  'length', // reply cut in half, finish_reason "length"
  'empty-choices', // 200 with choices: []
  'think', // a <think> block before the reply even with thinking off
  'no-tags', // optimizer / meta-controller reply without its tags (other roles: no effect)
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}

/**
 * Draws the fault for one request, or undefined. The draw hashes (seed, request body, how many
 * times this exact body has been seen), so a retry of the same request gets a fresh draw and the
 * outcome does not depend on how concurrent requests interleave.
 */
export function drawFault(seed: number, rate: number, kinds: readonly FaultKind[], bodyKey: string, occurrence: number): FaultKind | undefined {
  if (rate <= 0 || kinds.length === 0) return undefined;
  if (hashUnit(seed, 'fault', bodyKey, occurrence) >= rate) return undefined;
  return kinds[Math.floor(hashUnit(seed, 'fault-kind', bodyKey, occurrence) * kinds.length)];
}
