import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeEventHash, GENESIS_HASH, type HashedEventFields } from '../../../electron/core/store/eventHash';

const fields: HashedEventFields = {
  globalPosition: 1, streamId: 'run', streamPosition: 1, type: 'T', schemaVersion: 1,
  dataJson: '{"a":1}', metadataJson: '{}', recordedAt: '2026-01-01T00:00:00.000Z',
};

describe('computeEventHash', () => {
  it('is sha256 over the previous hash, a header with the scalar fields and lengths, then the JSON texts', () => {
    const expected = createHash('sha256')
      .update(`${GENESIS_HASH}\n[1,"run",1,"T",1,"2026-01-01T00:00:00.000Z",7,2]\n{"a":1}{}`)
      .digest('hex');
    expect(computeEventHash(GENESIS_HASH, fields)).toBe(expected);
  });

  it('changes with every field and with the previous hash', () => {
    const base = computeEventHash(GENESIS_HASH, fields);
    const variants: Partial<HashedEventFields>[] = [
      { globalPosition: 2 }, { streamId: 'other' }, { streamPosition: 2 }, { type: 'U' }, { schemaVersion: 2 },
      { dataJson: '{"a":2}' }, { metadataJson: '{"x":1}' }, { recordedAt: '2026-01-01T00:00:01.000Z' },
    ];
    for (const variant of variants) expect(computeEventHash(GENESIS_HASH, { ...fields, ...variant })).not.toBe(base);
    expect(computeEventHash('f'.repeat(64), fields)).not.toBe(base);
  });

  it('keeps field boundaries unambiguous', () => {
    const a = computeEventHash(GENESIS_HASH, { ...fields, streamId: 'ab', type: 'c' });
    const b = computeEventHash(GENESIS_HASH, { ...fields, streamId: 'a', type: 'bc' });
    expect(a).not.toBe(b);
    // Moving text across the data/metadata boundary changes the hash (lengths are in the header).
    const c = computeEventHash(GENESIS_HASH, { ...fields, dataJson: '{"a":1}{', metadataJson: '}' });
    const d = computeEventHash(GENESIS_HASH, { ...fields, dataJson: '{"a":1}', metadataJson: '{}' });
    expect(c).not.toBe(d);
  });
});
