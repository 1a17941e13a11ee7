import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_FORKED } from '../../../shared/events/envelope';
import { openEventStore, type OpenedEventStore } from '../../../electron/core/store/openEventStore';
import { rebuildProjections } from '../../../electron/core/projections/rebuildProjections';
import { ensureProjections } from '../../../electron/core/projections/ensureProjections';
import { openDatabase } from '../../../electron/core/store/openDatabase';
import { checksumProjectionTables } from '../../../electron/core/projections/checksumProjectionTables';
import { ProjectionSet } from '../../../electron/core/projections/projectionSet';
import type { Projection } from '../../../electron/core/projections/projection';
import { makeTempDir } from './support/tempDir';
import { steppingClock } from './support/frozenClock';
import { streamCountsProjection } from './support/streamCountsProjection';
import { note, testRegistry, value } from './support/fixtures';

function tableContents(store: OpenedEventStore) {
  return {
    counts: store.db.prepare('SELECT * FROM stream_counts ORDER BY stream_id').all(),
    forks: store.db.prepare('SELECT * FROM fork_inheritance ORDER BY stream_id').all(),
  };
}

describe('projections', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: OpenedEventStore;
  const open = (projections: Projection[] = [streamCountsProjection()]) =>
    openEventStore({ path: temp.path('log.db'), clock: steppingClock(), registry: testRegistry(), projections });

  /** A little history with a fork, appended live (inline projections). */
  function writeHistory(target: OpenedEventStore): void {
    target.append('root', [value(1), value(2), note('n')], { expectedVersion: 'no-stream' });
    target.append('other', [value(10)], { expectedVersion: 'no-stream' });
    target.append('fork', [{ type: RUN_FORKED, data: { parentRunId: 'root', parentPosition: 2, overrides: {} } }, value(5)], {
      expectedVersion: 'no-stream',
    });
    target.append('root', [value(3)], { expectedVersion: 3 });
  }

  beforeEach(() => {
    temp = makeTempDir();
    store = open();
  });
  afterEach(() => {
    store.close();
    temp.cleanup();
  });

  it('updates inline, in the append transaction, reading the parent through ctx', () => {
    writeHistory(store);
    expect(tableContents(store)).toEqual({
      counts: [
        { stream_id: 'fork', events: 2, value_sum: 5, last_type: 'ValueRecorded' },
        { stream_id: 'other', events: 1, value_sum: 10, last_type: 'ValueRecorded' },
        { stream_id: 'root', events: 4, value_sum: 6, last_type: 'ValueRecorded' },
      ],
      forks: [{ stream_id: 'fork', parent: 'root', inherited: 2 }],
    });
    expect(store.db.prepare('SELECT * FROM projections').all()).toEqual([{ name: 'stream_counts', version: 1, last_position: 7 }]);
  });

  it('catching up on open never replays what another process applied meanwhile', () => {
    writeHistory(store);
    const otherProcess = open();
    const db = openDatabase(temp.path('log.db'));
    const reader = openEventStore({ db, registry: testRegistry() });
    // The other process appends (moving the inline projection along) after this one read the
    // projection positions and before it takes the write lock: the window of the original race.
    const racing = new Proxy(db, {
      get(target, property) {
        if (property === 'transaction') {
          return (fn: () => unknown) => {
            otherProcess.append('late', [value(7)], { expectedVersion: 'no-stream' });
            return target.transaction(fn);
          };
        }
        const member = Reflect.get(target, property) as unknown;
        return typeof member === 'function' ? (member as (...args: unknown[]) => unknown).bind(target) : member;
      },
    });
    ensureProjections(racing, reader, [streamCountsProjection()]);
    expect(db.prepare("SELECT events, value_sum FROM stream_counts WHERE stream_id = 'late'").get()).toEqual({ events: 1, value_sum: 7 });
    otherProcess.close();
    db.close();
  });

  it('rolls the projection back with the append when apply throws', () => {
    const failing: Projection = { ...streamCountsProjection(), name: 'failing', tables: [], apply() { throw new Error('boom'); }, handles: ['NoteWritten'] };
    store.close();
    store = open([streamCountsProjection(), failing]);
    store.append('root', [value(1)], { expectedVersion: 'any' });
    expect(() => store.append('root', [value(2), note('x')], { expectedVersion: 1 })).toThrow('boom');
    expect(store.lastGlobalPosition()).toBe(1);
    expect(tableContents(store).counts).toEqual([{ stream_id: 'root', events: 1, value_sum: 1, last_type: 'ValueRecorded' }]);
  });

  it('a rebuild gives tables identical to the live ones, and the same checksum', () => {
    writeHistory(store);
    const live = tableContents(store);
    const liveChecksum = checksumProjectionTables(store.db, store.projections);
    const result = rebuildProjections(store.db, store, store.projections);
    expect(result).toEqual({ appliedEvents: 7, lastPosition: 7 });
    expect(tableContents(store)).toEqual(live);
    expect(checksumProjectionTables(store.db, store.projections)).toBe(liveChecksum);
  });

  it('replaying the same events twice gives the same tables (idempotent rebuild)', () => {
    writeHistory(store);
    rebuildProjections(store.db, store, store.projections);
    const once = tableContents(store);
    rebuildProjections(store.db, store, store.projections);
    expect(tableContents(store)).toEqual(once);
  });

  it('the checksum changes when a projection row changes', () => {
    writeHistory(store);
    const before = checksumProjectionTables(store.db, store.projections);
    store.db.prepare("UPDATE stream_counts SET events = events + 1 WHERE stream_id = 'other'").run();
    expect(checksumProjectionTables(store.db, store.projections)).not.toBe(before);
  });

  it('rebuilds on open when the projection version changes, and catches up a projection that missed events', () => {
    writeHistory(store);
    const live = tableContents(store);
    store.db.prepare("DELETE FROM stream_counts WHERE stream_id = 'root'").run(); // damage that only a rebuild repairs
    store.close();

    store = open([streamCountsProjection(2)]);
    expect(store.projectionStatus).toEqual({ rebuilt: ['stream_counts'], caughtUp: [] });
    expect(tableContents(store)).toEqual(live);
    store.close();

    // Events appended by a process that did not register the projection are replayed on the next open.
    store = open([]);
    store.append('other', [value(7)], { expectedVersion: 1 });
    store.close();
    store = open([streamCountsProjection(2)]);
    expect(store.projectionStatus).toEqual({ rebuilt: [], caughtUp: ['stream_counts'] });
    expect(store.db.prepare("SELECT events, value_sum FROM stream_counts WHERE stream_id = 'other'").get()).toEqual({ events: 2, value_sum: 17 });
    expect(store.db.prepare('SELECT last_position FROM projections').get()).toEqual({ last_position: 8 });
  });

  it('bounds ctx reads to the event being applied, so replay sees what live saw', () => {
    const seen: number[] = [];
    const peeking: Projection = {
      name: 'peek', version: 1, handles: ['NoteWritten'], tables: [],
      init() {}, truncate() {},
      apply(_db, event, ctx) {
        seen.push(ctx.readStream('root').length, ctx.readOwnEvents('root').length, ctx.position);
        expect(event.globalPosition).toBe(ctx.position);
      },
    };
    writeHistory(store);
    new ProjectionSet(store.db, [peeking]).apply(store.readAll(), store);
    expect(seen).toEqual([3, 3, 3]); // the note is at position 3: root's later events (position 7) stay invisible
  });

  it('checksums a sqlite-vec table too, independent of insertion order', () => {
    const vecOwner: Projection = {
      name: 'vec_owner', version: 1, handles: [], tables: ['notebook_vec'],
      init() {}, apply() {}, truncate(db) { db.exec('DELETE FROM notebook_vec'); },
    };
    const insert = store.db.prepare('INSERT INTO notebook_vec (entry_id, run_id, item_id, embedding) VALUES (?, ?, ?, ?)');
    const rows = [1n, 2n, 3n].map((id) => [id, `run-${id % 2n}`, `q${id}`, new Float32Array(384).fill(Number(id))] as const);
    for (const row of rows) insert.run(...row);
    const forward = checksumProjectionTables(store.db, [vecOwner]);
    vecOwner.truncate(store.db);
    expect(checksumProjectionTables(store.db, [vecOwner])).not.toBe(forward);
    for (const row of [...rows].reverse()) insert.run(...row);
    expect(checksumProjectionTables(store.db, [vecOwner])).toBe(forward);
  });

  it('refuses two projections with one name', () => {
    expect(() => new ProjectionSet(store.db, [streamCountsProjection(), streamCountsProjection()])).toThrow(/two projections/);
  });
});
