import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openEventStore } from '../../../electron/core/store/openEventStore';
import { EventRegistry } from '../../../electron/core/store/eventRegistry';
import { InvalidAppendError, UnknownEventError } from '../../../electron/core/store/storeErrors';
import { makeTempDir } from './support/tempDir';
import { steppingClock } from './support/frozenClock';

/** v1 wrote {score}; v2 renamed it to {accuracy}; v3 added {split}. */
function scoreRegistryV1(): EventRegistry {
  return new EventRegistry().register({ type: 'Scored', version: 1 });
}
function scoreRegistryV3(): EventRegistry {
  return new EventRegistry().register({
    type: 'Scored',
    version: 3,
    schema: z.object({ accuracy: z.number(), split: z.enum(['val', 'test']) }),
    upcasters: {
      1: (data) => ({ accuracy: (data as { score: number }).score }),
      2: (data) => ({ ...(data as object), split: 'val' }),
    },
  });
}

describe('upcasting and unknown events', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('upcasts old events on read and never rewrites them', () => {
    const old = openEventStore({ path: temp.path('log.db'), clock: steppingClock(), registry: scoreRegistryV1() });
    old.append('run', [{ type: 'Scored', data: { score: 0.5 } }], { expectedVersion: 'any' });
    old.close();

    const current = openEventStore({ path: temp.path('log.db'), clock: steppingClock(), registry: scoreRegistryV3() });
    try {
      current.append('run', [{ type: 'Scored', data: { accuracy: 0.7, split: 'test' } }], { expectedVersion: 1 });
      expect(current.readStream('run').map((e) => [e.schemaVersion, e.data])).toEqual([
        [3, { accuracy: 0.5, split: 'val' }],
        [3, { accuracy: 0.7, split: 'test' }],
      ]);
      const raw = current.db.prepare('SELECT schema_version, data FROM events ORDER BY global_position').all();
      expect(raw).toEqual([
        { schema_version: 1, data: '{"score":0.5}' },
        { schema_version: 3, data: '{"accuracy":0.7,"split":"test"}' },
      ]);
    } finally {
      current.close();
    }
  });

  it('validates data against the current schema on append', () => {
    const store = openEventStore({ path: temp.path('log.db'), registry: scoreRegistryV3() });
    try {
      expect(() => store.append('run', [{ type: 'Scored', data: { accuracy: 'high' } }], { expectedVersion: 'any' })).toThrow(InvalidAppendError);
      expect(store.lastGlobalPosition()).toBe(0);
    } finally {
      store.close();
    }
  });

  it('reports an unknown type with its type, version and position instead of dropping it', () => {
    const writer = openEventStore({ path: temp.path('log.db'), registry: new EventRegistry({ unknownTypes: 'passThrough' }) });
    writer.append('run', [{ type: 'Known', data: {} }, { type: 'FromTheFuture', data: {} }], { expectedVersion: 'any' });
    writer.close();
    const reader = openEventStore({ path: temp.path('log.db'), registry: new EventRegistry().register({ type: 'Known', version: 1 }) });
    try {
      expect(() => reader.readStream('run')).toThrow(UnknownEventError);
      expect(() => reader.readStream('run')).toThrow('event FromTheFuture v1 at global position 2 is not a registered event type');
      expect(reader.readStream('run', { toGlobalPosition: 1 })).toHaveLength(1);
    } finally {
      reader.close();
    }
  });

  it('reports a version newer than the code knows, and a missing upcaster', () => {
    const writer = openEventStore({ path: temp.path('log.db'), registry: scoreRegistryV3() });
    writer.append('run', [{ type: 'Scored', data: { accuracy: 1, split: 'val' } }], { expectedVersion: 'any' });
    writer.close();
    const older = openEventStore({ path: temp.path('log.db'), registry: scoreRegistryV1() });
    try {
      expect(() => older.readAll()).toThrow(
        expect.objectContaining({ eventType: 'Scored', schemaVersion: 3, globalPosition: 1, reason: 'newer-version' }),
      );
    } finally {
      older.close();
    }
    const gap = new EventRegistry().register({ type: 'Scored', version: 4, upcasters: { 1: (d) => d } });
    expect(() => gap.upcast('Scored', 3, {}, 7)).toThrow(expect.objectContaining({ reason: 'missing-upcaster', globalPosition: 7 }));
  });

  it('refuses an unregistered type on append by default', () => {
    const store = openEventStore({ path: temp.path('log.db'), registry: new EventRegistry() });
    try {
      expect(() => store.append('run', [{ type: 'Nope', data: {} }], { expectedVersion: 'any' })).toThrow(/Nope v1 is not a registered event type/);
    } finally {
      store.close();
    }
  });
});
