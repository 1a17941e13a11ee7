import { describe, expect, it } from 'vitest';
import { PythonRandom, pythonShuffled } from '../../../shared/random/pythonRandom';

// Every expected value below was printed by the real CPython on the team machine
// (Python 3.11.7), e.g.:
//   python3 -c "import random; r=random.Random(0); x=list(range(7473)); r.shuffle(x); print(x[:20])"
// Do not "fix" them by hand: regenerate them with python3 if ever in doubt.

describe('PythonRandom (MT19937 as CPython random.Random)', () => {
  it('given seed 0, when drawing 32-bit words, then they equal getrandbits(32)', () => {
    const r = new PythonRandom(0);
    expect([1, 2, 3, 4, 5].map(() => r.getrandbits(32))).toEqual([
      3626764237, 1654615998, 3255389356, 3823568514, 1806341205,
    ]);
  });

  it('given seed 0, when drawing 7 bits, then the top bits are kept (getrandbits(7))', () => {
    const r = new PythonRandom(0);
    expect([1, 2, 3, 4, 5].map(() => r.getrandbits(7))).toEqual([108, 49, 97, 113, 53]);
  });

  it('given seeds 42, a multi-word seed and a negative seed, then init_by_array matches', () => {
    const r42 = new PythonRandom(42);
    expect([r42.getrandbits(32), r42.getrandbits(32), r42.getrandbits(32)]).toEqual([2746317213, 478163327, 107420369]);
    const big = new PythonRandom(2 ** 40 + 5);
    expect([big.getrandbits(32), big.getrandbits(32), big.getrandbits(32)]).toEqual([2166296868, 2220160828, 1153647273]);
    const big2 = new PythonRandom(123456789012n);
    expect([big2.getrandbits(32), big2.getrandbits(32), big2.getrandbits(32)]).toEqual([1619264890, 2798649831, 88888752]);
    // CPython seeds with abs(n): Random(-7) == Random(7).
    const neg = new PythonRandom(-7);
    expect([neg.getrandbits(32), neg.getrandbits(32)]).toEqual([1390851128, 4071050724]);
  });

  it('given seed 0, when drawing past the first 624-word block, then the twist matches', () => {
    const r = new PythonRandom(0);
    for (let i = 0; i < 1000; i++) r.getrandbits(32);
    expect(r.getrandbits(32)).toBe(126175447);
  });

  it('given seed 0, when calling random(), then the 53-bit float matches', () => {
    expect(new PythonRandom(0).random()).toBe(0.8444218515250481);
  });

  it('given seed 1, when calling _randbelow for several bounds, then rejection sampling matches', () => {
    const r = new PythonRandom(1);
    expect([1, 2, 3, 10, 100, 1000, 7473].map((n) => r.randbelow(n))).toEqual([0, 0, 1, 1, 63, 779, 3682]);
  });

  it('given seed 0, when shuffling range(10), then the order equals random.shuffle', () => {
    expect(pythonShuffled([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 0)).toEqual([7, 8, 1, 5, 3, 4, 2, 0, 9, 6]);
  });

  it('given seed 0, when shuffling range(7473) (GSM8K train), then DSPy\'s order is reproduced', () => {
    const x = pythonShuffled(Array.from({ length: 7473 }, (_, i) => i), 0);
    expect(x.slice(0, 20)).toEqual([
      4530, 6017, 4120, 3208, 2585, 3335, 6924, 3843, 4126, 5579, 1425, 1257, 3569, 4974, 3835, 1218, 5809, 1875, 5419, 3250,
    ]);
    expect(x.slice(200, 205)).toEqual([1872, 1933, 400, 3371, 4689]);
    expect(x.slice(495, 500)).toEqual([6874, 4763, 2684, 5588, 4316]);
    expect(x.slice(-5)).toEqual([3445, 7292, 6209, 3155, 6917]);
  });

  it('given seed 0, when shuffling range(1319) (GSM8K test), then the order matches', () => {
    const y = pythonShuffled(Array.from({ length: 1319 }, (_, i) => i), 0);
    expect(y.slice(0, 10)).toEqual([1101, 120, 474, 991, 192, 1020, 350, 480, 883, 1062]);
    expect(y.slice(-5)).toEqual([1047, 530, 82, 861, 788]);
  });

  it('given bad arguments, then it refuses loudly instead of drifting from CPython', () => {
    expect(() => new PythonRandom(0).getrandbits(33)).toThrow(RangeError);
    expect(() => new PythonRandom(0).randbelow(0)).toThrow(RangeError);
    expect(() => new PythonRandom(0.5)).toThrow(RangeError);
  });
});
