/**
 * Deterministic randomness for the simulator: every draw is a hash of (seed, purpose, content),
 * never a shared sequential generator, so a reply does not depend on the order in which
 * concurrent requests arrive. Same seed + same request = same reply, in any interleaving.
 */

/**
 * cyrb53: a fast, well-mixed 53-bit string hash (public domain). Deliberately not the shared
 * fnv1a32: every simulated reply, fault and latency is a function of these exact values (tests,
 * benchmarks and recorded simulated runs are reproducible only while they stay the same), it takes
 * the simulator's seed itself, and 53 bits give `hashUnit` a finer grid than 32 would.
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A uniform number in [0, 1) determined by the seed and the parts. */
export function hashUnit(seed: number, ...parts: Array<string | number>): number {
  return hash53(parts.join('\u0001'), seed) / 2 ** 53;
}

/** Picks one element deterministically. */
export function hashPick<T>(items: readonly T[], seed: number, ...parts: Array<string | number>): T {
  return items[Math.floor(hashUnit(seed, ...parts) * items.length)]!;
}
