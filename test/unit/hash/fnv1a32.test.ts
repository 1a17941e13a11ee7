import { describe, expect, it } from 'vitest';
import { fnv1a32 } from '../../../shared/hash/fnv1a32';
import { createSeededRandom } from '../../../shared/random/seededRandom';
import { lexicalEmbed } from '../../../electron/core/llm/embedding/lexicalEmbedder';

/**
 * The values are persisted (minibatch order recomputed on resume, notebook vectors in the
 * database): these pins are the values of the two hand-rolled copies this helper replaced.
 */
describe('fnv1a32', () => {
  it('gives the FNV-1a test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes UTF-16 code units, as before', () => {
    expect(fnv1a32('0:epoch:1')).toBe(751196865);
    expect(fnv1a32('héllo wörld')).toBe(3551649478);
    expect(fnv1a32('数学 🙂')).toBe(2913288370);
  });

  it('keeps string-seeded sequences as they were', () => {
    const random = createSeededRandom('0:epoch:1');
    expect([random.next(), random.next(), random.next()]).toEqual([0.28902843967080116, 0.8443472464568913, 0.8953189130406827]);
    expect(createSeededRandom(7).fork('batch').int(1000)).toBe(330);
    expect(createSeededRandom('run-a').shuffled([1, 2, 3, 4, 5, 6, 7, 8])).toEqual([8, 3, 6, 4, 5, 7, 1, 2]);
  });

  it('keeps lexical vectors as they were', () => {
    const nonZero: Array<[number, number]> = [];
    lexicalEmbed('lesson').forEach((value, index) => {
      if (value !== 0) nonZero.push([index, Math.round(value * 1e6) / 1e6]);
    });
    expect(nonZero).toEqual([[157, -0.241747], [168, 0.805823], [173, -0.241747], [184, -0.241747], [191, -0.241747], [220, 0.241747], [267, -0.241747]]);
  });
});
