import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_FORKED, type NewEvent } from '../../../shared/events/envelope';
import { openEventStore, type OpenedEventStore } from '../../../electron/core/store/openEventStore';
import { InvalidAppendError } from '../../../electron/core/store/storeErrors';
import { makeTempDir } from './support/tempDir';
import { steppingClock } from './support/frozenClock';
import { testRegistry, value } from './support/fixtures';

function forked(parentRunId: string, parentPosition: number): NewEvent {
  return { type: RUN_FORKED, data: { parentRunId, parentPosition, overrides: { lr: 0.1 } } };
}

describe('forks by reference', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: OpenedEventStore;
  const valuesOf = (streamId: string, to?: number) =>
    store.readStream(streamId, to ? { toGlobalPosition: to } : {}).map((e) => (e.type === RUN_FORKED ? 'fork' : (e.data as { value: number }).value));

  beforeEach(() => {
    temp = makeTempDir();
    store = openEventStore({ path: temp.path('log.db'), clock: steppingClock(), registry: testRegistry() });
    // Global positions: root 1..3, noise 4, root 5.
    store.append('root', [value(1), value(2), value(3)], { expectedVersion: 'no-stream' });
    store.append('noise', [value(100)], { expectedVersion: 'no-stream' });
    store.append('root', [value(5)], { expectedVersion: 3 });
  });
  afterEach(() => {
    store.close();
    temp.cleanup();
  });

  it("reads the parent's events up to the fork position, then its own; nothing is copied", () => {
    store.append('child', [forked('root', 2), value(10)], { expectedVersion: 'no-stream' }); // positions 6, 7
    expect(valuesOf('child')).toEqual([1, 2, 'fork', 10]);
    expect(store.readOwnEvents('child')).toHaveLength(2);
    expect(store.lastGlobalPosition()).toBe(7);
    expect(store.streamVersion('child')).toBe(2);
  });

  it('reads a fork of a fork recursively, honouring the tighter bound', () => {
    store.append('child', [forked('root', 3), value(10)], { expectedVersion: 'no-stream' }); // 6, 7
    store.append('root', [value(8)], { expectedVersion: 4 }); // 8: after the fork, must not leak into child
    store.append('grandchild', [forked('child', 6), value(20)], { expectedVersion: 'no-stream' }); // 9, 10
    store.append('child', [value(11)], { expectedVersion: 2 }); // 11: after the grandchild's fork point
    expect(valuesOf('child')).toEqual([1, 2, 3, 'fork', 10, 11]);
    expect(valuesOf('grandchild')).toEqual([1, 2, 3, 'fork', 'fork', 20]);
    expect(valuesOf('grandchild', 6)).toEqual([1, 2, 3, 'fork']);
    expect(store.readStream('grandchild', { fromGlobalPosition: 3, toGlobalPosition: 9 }).map((e) => e.globalPosition)).toEqual([3, 6, 9]);
  });

  it('accepts a fork point inherited by the parent from its own parent', () => {
    store.append('child', [forked('root', 3)], { expectedVersion: 'no-stream' }); // 6
    store.append('grandchild', [forked('child', 2)], { expectedVersion: 'no-stream' }); // position 2 is root's, inside child's lineage
    // The child's own RunForked (6) lies after the fork point 2, so the grandchild does not see it.
    expect(valuesOf('grandchild')).toEqual([1, 2, 'fork']);
  });

  it.each([
    ['a parent that does not exist', () => forked('ghost', 1), /ghost, which has no events/],
    ['a position of another stream', () => forked('root', 4), /not part of root's logical stream/],
    ['a position past the log end', () => forked('root', 99), /not part of root's logical stream/],
    ['malformed data', () => ({ type: RUN_FORKED, data: { parentRunId: 'root', parentPosition: -1, overrides: {} } }), /invalid RunForked/],
  ])('rejects a RunForked naming %s', (_label, make, message) => {
    expect(() => store.append('child', [make()], { expectedVersion: 'no-stream' })).toThrow(message);
    expect(store.streamVersion('child')).toBe(0);
  });

  it('rejects a RunForked that is not the first event, and a fork of itself', () => {
    expect(() => store.append('root', [forked('noise', 4)], { expectedVersion: 'any' })).toThrow(InvalidAppendError);
    expect(() => store.append('child', [value(1), forked('root', 1)], { expectedVersion: 'no-stream' })).toThrow(/must be the first event/);
    expect(() => store.append('root', [forked('root', 1)], { expectedVersion: 'any' })).toThrow(InvalidAppendError);
    expect(store.lastGlobalPosition()).toBe(5);
  });

  it('rejects a fork point past the parent fork bound (an ancestor event the parent never saw)', () => {
    store.append('child', [forked('root', 2)], { expectedVersion: 'no-stream' }); // 6; child sees root 1..2
    expect(() => store.append('grandchild', [forked('child', 3)], { expectedVersion: 'no-stream' })).toThrow(/not part of child/);
  });
});
