import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEventStore, type OpenedEventStore } from '../../../electron/core/store/openEventStore';
import { VersionConflict } from '../../../electron/core/store/versionConflict';
import { UnknownEventError } from '../../../electron/core/store/storeErrors';
import { makeTempDir } from './support/tempDir';
import { steppingClock } from './support/frozenClock';
import { note, testRegistry, value } from './support/fixtures';

describe('event store: append and read', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: OpenedEventStore;

  beforeEach(() => {
    temp = makeTempDir();
    store = openEventStore({ path: temp.path('log.db'), clock: steppingClock(), registry: testRegistry() });
  });
  afterEach(() => {
    store.close();
    temp.cleanup();
  });

  it('assigns dense global and stream positions, the clock time and a hash chain', () => {
    const first = store.append('run-a', [value(1), value(2)], { expectedVersion: 'no-stream' });
    const second = store.append('run-b', [note('x')], { expectedVersion: 'no-stream' });
    const third = store.append('run-a', [value(3, { step: 4 })], { expectedVersion: 2 });

    expect(first).toMatchObject({ nextExpectedVersion: 2, lastGlobalPosition: 2 });
    expect(second).toMatchObject({ nextExpectedVersion: 1, lastGlobalPosition: 3 });
    expect(third).toMatchObject({ nextExpectedVersion: 3, lastGlobalPosition: 4 });

    const runA = store.readStream('run-a');
    expect(runA.map((e) => [e.globalPosition, e.streamPosition, e.data])).toEqual([
      [1, 1, { value: 1 }],
      [2, 2, { value: 2 }],
      [4, 3, { value: 3 }],
    ]);
    expect(runA[2]!.metadata).toEqual({ step: 4 });
    expect(runA[0]!.recordedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(runA[2]!.recordedAt).toBe('2026-01-01T00:00:02.000Z');
    expect(runA[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(store.readAll().map((e) => e.hash)).size).toBe(4);
    expect(store.readAll().map((e) => e)).toEqual([...first.events, ...second.events, ...third.events]);
    expect(store.streamVersion('run-a')).toBe(3);
    expect(store.streamVersion('nope')).toBe(0);
    expect(store.lastGlobalPosition()).toBe(4);
    expect(store.listStreams()).toEqual(['run-a', 'run-b']);
    expect(store.readOwnEvents('run-b').map((e) => e.type)).toEqual(['NoteWritten']);
  });

  it('reads a stream between global positions and pages through all events', () => {
    for (let i = 0; i < 10; i++) store.append(i % 2 ? 'odd' : 'even', [value(i)], { expectedVersion: 'any' });
    expect(store.readStream('even', { fromGlobalPosition: 3, toGlobalPosition: 7 }).map((e) => e.globalPosition)).toEqual([3, 5, 7]);
    expect(store.readAll({ after: 2, limit: 3 }).map((e) => e.globalPosition)).toEqual([3, 4, 5]);
    expect(store.readAll({ after: 9, limit: 3 }).map((e) => e.globalPosition)).toEqual([10]);
    expect(store.readAll({ after: 0, types: ['NoteWritten'] })).toEqual([]);
  });

  it.each([
    ['no-stream on an existing stream', 'no-stream' as const, 1],
    ['stream-exists on a missing stream', 'stream-exists' as const, 0],
    ['an exact number that is behind', 0, 1],
    ['an exact number that is ahead', 5, 1],
  ])('refuses %s with a typed VersionConflict and writes nothing', (_label, expected, existing) => {
    if (existing) store.append('run', [value(0)], { expectedVersion: 'no-stream' });
    const before = store.lastGlobalPosition();
    let caught: unknown;
    try {
      store.append('run', [value(1), value(2)], { expectedVersion: expected });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(VersionConflict);
    expect(caught).toMatchObject({ streamId: 'run', expected, actual: existing });
    expect(store.lastGlobalPosition()).toBe(before);
  });

  it('accepts each expectedVersion kind when it matches', () => {
    store.append('run', [value(1)], { expectedVersion: 'no-stream' });
    store.append('run', [value(2)], { expectedVersion: 'stream-exists' });
    store.append('run', [value(3)], { expectedVersion: 2 });
    store.append('run', [value(4)], { expectedVersion: 'any' });
    store.append('other', [value(5)], { expectedVersion: 0 });
    expect(store.streamVersion('run')).toBe(4);
    expect(store.streamVersion('other')).toBe(1);
  });

  it('writes a batch all-or-nothing: one bad event leaves the log untouched', () => {
    store.append('run', [value(1)], { expectedVersion: 'any' });
    expect(() => store.append('run', [value(2), { type: 'Mystery', data: {} }], { expectedVersion: 1 })).toThrow(UnknownEventError);
    expect(store.lastGlobalPosition()).toBe(1);
    expect(store.streamVersion('run')).toBe(1);
  });

  it('appendAll writes batches of several streams in one transaction, or none of them', () => {
    store.append('run-a', [value(1)], { expectedVersion: 'no-stream' });
    const pushed: number[] = [];
    store.subscribe((events) => pushed.push(...events.map((e) => e.globalPosition)));

    expect(() => store.appendAll([
      { streamId: 'run-b', events: [note('kept?')], options: { expectedVersion: 'no-stream' } },
      { streamId: 'run-a', events: [value(2)], options: { expectedVersion: 5 } },
    ])).toThrow(VersionConflict);
    expect(() => store.appendAll([{ streamId: 'run-b', events: [note('late')], options: { expectedVersion: 'any' } }], { expectedLastGlobalPosition: 0 }))
      .toThrow(/stream \$all: expected 0, actual 1/);
    expect(store.lastGlobalPosition()).toBe(1);
    expect(store.listStreams()).toEqual(['run-a']);
    expect(pushed).toEqual([]);

    const results = store.appendAll([
      { streamId: 'run-b', events: [note('x'), note('y')], options: { expectedVersion: 'no-stream' }, recordedAt: new Date('2020-05-05T10:00:00Z') },
      { streamId: 'run-a', events: [value(2)], options: { expectedVersion: 1 } },
    ], { expectedLastGlobalPosition: 1 });
    expect(results.map((r) => [r.nextExpectedVersion, r.lastGlobalPosition])).toEqual([[2, 3], [2, 4]]);
    expect(store.readStream('run-b').map((e) => e.recordedAt)).toEqual(['2020-05-05T10:00:00.000Z', '2020-05-05T10:00:00.000Z']);
    expect(store.readStream('run-a')[1]!.recordedAt).not.toBe('2020-05-05T10:00:00.000Z');
    expect(pushed).toEqual([2, 3, 4]);
  });

  it('notifies subscribers after commit, with the stored events, and survives a failing subscriber', () => {
    const seen: number[][] = [];
    const errors: unknown[] = [];
    store.close();
    store = openEventStore({
      path: temp.path('log.db'),
      clock: steppingClock(),
      registry: testRegistry(),
      onListenerError: (error) => errors.push(error),
    });
    store.subscribe(() => {
      throw new Error('subscriber bug');
    });
    const unsubscribe = store.subscribe((events) => {
      // After commit: the transaction is over and the events are readable.
      expect(store.db.inTransaction).toBe(false);
      expect(store.lastGlobalPosition()).toBe(events[events.length - 1]!.globalPosition);
      seen.push(events.map((e) => e.globalPosition));
    });
    store.append('run', [value(1), value(2)], { expectedVersion: 'any' });
    unsubscribe();
    store.append('run', [value(3)], { expectedVersion: 'any' });
    expect(seen).toEqual([[1, 2]]);
    expect(errors).toHaveLength(2);
    expect(() => store.append('run', [value(4)], { expectedVersion: 0 })).toThrow(VersionConflict);
    expect(seen).toEqual([[1, 2]]);
  });

  it('a read-only second connection reads while the writer appends, and cannot append', () => {
    store.append('run', [value(1)], { expectedVersion: 'any' });
    const reader = openEventStore({ path: temp.path('log.db'), registry: testRegistry(), database: { readonly: true } });
    try {
      expect(reader.readStream('run')).toHaveLength(1);
      store.append('run', [value(2)], { expectedVersion: 1 });
      expect(reader.readStream('run').map((e) => e.data)).toEqual([{ value: 1 }, { value: 2 }]);
      expect(() => reader.append('run', [value(3)], { expectedVersion: 'any' })).toThrow(/read-only/);
    } finally {
      reader.close();
    }
  });
});
