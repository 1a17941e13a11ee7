/**
 * CPython's `random.Random`, bit for bit, for the parts REMO needs: seeding from an integer,
 * `getrandbits`, `_randbelow` and `shuffle`.
 *
 * WHY a second PRNG: dataset splits must be reproducible outside this app. The `textgrad-dspy`
 * preset is DSPy's GSM8K split (`random.Random(0).shuffle(official_train)`), and every other
 * preset uses the same generator so any split can be re-derived with three lines of Python.
 * Everything else (batch sampling, simulators) uses the faster `SeededRandom`.
 *
 * Invariant: for every seed, the sequence equals CPython 3.x's (MT19937, init_by_array seeding,
 * `_randbelow` by rejection on `n.bit_length()` bits, Fisher-Yates from the end). Verified against
 * python3 3.11 in test/unit/random/pythonRandom.test.ts.
 */
const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class PythonRandom {
  private readonly mt = new Uint32Array(N);
  private mti = N + 1;

  /** Equivalent of `random.Random(seed)` for an integer seed (negative seeds use abs, as CPython). */
  constructor(seed: number | bigint) {
    this.seed(seed);
  }

  /** `random.seed(n)` for an int: the absolute value, split into 32-bit words, least significant first. */
  seed(seed: number | bigint): void {
    if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
      throw new RangeError(`PythonRandom seed must be a safe integer, got ${seed}`);
    }
    let n = BigInt(seed);
    if (n < 0n) n = -n;
    const key: number[] = [];
    while (n > 0n) {
      key.push(Number(n & 0xffffffffn));
      n >>= 32n;
    }
    if (key.length === 0) key.push(0);
    this.initByArray(key);
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]!;
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.mti = N;
  }

  private initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1]!;
      // Sums of two uint32 stay exact in a double; >>> 0 wraps them like C's uint32 arithmetic.
      mt[i] = (((mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1664525)) >>> 0) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = (((mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) >>> 0) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** One tempered 32-bit output (CPython's genrand_uint32). */
  nextUint32(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
        mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK);
      mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.mti = 0;
    }
    let y = mt[this.mti++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `random.getrandbits(k)` for 1 <= k <= 32 (all a list shuffle ever needs). */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 1 || k > 32) {
      throw new RangeError(`getrandbits supports 1..32 bits here, got ${k}`);
    }
    return this.nextUint32() >>> (32 - k);
  }

  /** `random._randbelow(n)`: uniform in [0, n) by rejection sampling on n.bit_length() bits. */
  randbelow(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 0xffffffff) {
      throw new RangeError(`randbelow needs an integer in 1..2^32-1, got ${n}`);
    }
    const k = 32 - Math.clz32(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** `random.random()`: a 53-bit float in [0, 1). */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `random.shuffle(x)`: in place, Fisher-Yates from the end; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }
}

/** A shuffled copy: `x = list(items); random.Random(seed).shuffle(x)`. */
export function pythonShuffled<T>(items: readonly T[], seed: number | bigint): T[] {
  return new PythonRandom(seed).shuffle([...items]);
}
