/**
 * The fast, general-purpose seeded PRNG (sfc32, seeded through splitmix32 from a number or a
 * string). Use it for everything that needs reproducible randomness but no outside reference:
 * batch sampling in the engine, simulated LLM replies, retry jitter in tests.
 *
 * Dataset splits do NOT use it: they use `PythonRandom` so a split can be re-derived in Python
 * (see pythonRandom.ts). Invariant: same seed, same sequence, on every platform.
 */
import { fnv1a32 } from '../hash/fnv1a32';

export interface SeededRandom {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** A shuffled copy (Fisher-Yates). */
  shuffled<T>(items: readonly T[]): T[];
  /** `count` distinct items drawn without replacement, in draw order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** An independent generator derived from this one's seed and a label (stable across calls). */
  fork(label: string): SeededRandom;
}

/** splitmix32: spreads one 32-bit seed over the four words of sfc32's state. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function seedToNumber(seed: number | string): number {
  // String seeds and fork labels become numbers through FNV-1a (its values must never change).
  if (typeof seed === 'string') return fnv1a32(seed);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be finite, got ${seed}`);
  // Mix the high bits in so seeds beyond 2^32 do not collide with their low word.
  const high = Math.floor(seed / 2 ** 32);
  return (seed ^ Math.imul(high, 0x9e3779b1)) >>> 0;
}

/** Creates a generator; the same seed always yields the same sequence. */
export function createSeededRandom(seed: number | string): SeededRandom {
  const numericSeed = seedToNumber(seed);
  const mix = splitmix32(numericSeed);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();

  function nextUint32(): number {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  }

  const random: SeededRandom = {
    next: () => nextUint32() / 4294967296,
    int(maxExclusive) {
      if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > 4294967296) {
        throw new RangeError(`int() needs an integer bound in 1..2^32, got ${maxExclusive}`);
      }
      // Rejection keeps the draw unbiased for bounds that do not divide 2^32.
      const limit = 4294967296 - (4294967296 % maxExclusive);
      let r = nextUint32();
      while (r >= limit) r = nextUint32();
      return r % maxExclusive;
    },
    shuffled(items) {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = random.int(i + 1);
        const tmp = copy[i]!;
        copy[i] = copy[j]!;
        copy[j] = tmp;
      }
      return copy;
    },
    sample(items, count) {
      if (!Number.isInteger(count) || count < 0 || count > items.length) {
        throw new RangeError(`cannot sample ${count} of ${items.length} items`);
      }
      const copy = [...items];
      for (let i = 0; i < count; i++) {
        const j = i + random.int(copy.length - i);
        const tmp = copy[i]!;
        copy[i] = copy[j]!;
        copy[j] = tmp;
      }
      return copy.slice(0, count);
    },
    fork: (label) => createSeededRandom(`${numericSeed}/${label}`),
  };
  return random;
}
