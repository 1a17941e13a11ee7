import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_FORKED, type StoredEvent } from '../../../shared/events/envelope';
import { openEventStore, type OpenedEventStore } from '../../../electron/core/store/openEventStore';
import { CheckpointedFold, type FoldDefinition } from '../../../electron/core/store/checkpointedFold';
import { makeTempDir } from './support/tempDir';
import { testRegistry, value } from './support/fixtures';

interface Sum {
  count: number;
  total: number;
  positions: number[];
}
const sumFold: FoldDefinition<Sum> = {
  initial: () => ({ count: 0, total: 0, positions: [] }),
  evolve(state, event: StoredEvent) {
    state.count += 1; // mutates in place, like the engine's fold: checkpoints must be cloned
    state.total += (event.data as { value?: number }).value ?? 0;
    state.positions.push(event.globalPosition);
    return state;
  },
  clone: (state) => ({ ...state, positions: [...state.positions] }),
};
const naive = (store: OpenedEventStore, streamId: string, to: number) =>
  store.readStream(streamId, { toGlobalPosition: to }).reduce(sumFold.evolve, sumFold.initial(streamId));

describe('iterateStream and CheckpointedFold', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: OpenedEventStore;
  beforeEach(() => {
    temp = makeTempDir();
    store = openEventStore({ path: temp.path('log.db'), registry: testRegistry() });
    // 2,500 events interleaved over two streams (more than two read pages each), then a fork.
    for (let i = 0; i < 25; i++) store.append(i % 2 ? 'b' : 'a', Array.from({ length: 100 }, (_, k) => value(i * 100 + k)), { expectedVersion: 'any' });
    store.append('fork', [{ type: RUN_FORKED, data: { parentRunId: 'a', parentPosition: 1_250, overrides: {} } }, value(7)], { expectedVersion: 'no-stream' });
  });
  afterEach(() => {
    store.close();
    temp.cleanup();
  });

  it('iterateStream yields exactly readStream, across pages and forks', () => {
    for (const [stream, options] of [['a', {}], ['b', { fromGlobalPosition: 150, toGlobalPosition: 2_050 }], ['fork', {}]] as const) {
      expect([...store.iterateStream(stream, options)]).toEqual(store.readStream(stream, options));
    }
    expect(store.readStream('fork')).toHaveLength(650 + 2) // 'a' holds 650 events up to position 1,250;
  });

  it('honours global bounds that fall on other streams, page edges and the ends of the log', () => {
    const own = store.readOwnEvents('b');
    const bounds: [number, number][] = [[1, 2_600], [100, 101], [101, 200], [150, 1_150], [1_234, 2_345], [2_400, 2_499], [2_501, 9_999], [300, 200]];
    for (const [from, to] of bounds) {
      const expected = own.filter((e) => e.globalPosition >= from && e.globalPosition <= to).map((e) => e.globalPosition);
      expect([...store.iterateStream('b', { fromGlobalPosition: from, toGlobalPosition: to })].map((e) => e.globalPosition), `${from}..${to}`).toEqual(expected);
    }
  });

  it('gives the naive fold at every probed position, in any order, with few events re-read', () => {
    const fold = new CheckpointedFold(store, sumFold, { every: 100 });
    const probes = [2_400, 1, 999, 1_000, 1_001, 2_500, 150, 1_777, 2_000];
    for (const to of probes) expect(fold.stateAt('a', to)).toEqual(naive(store, 'a', to));
    expect(fold.checkpointCount('a')).toBe(13); // 1,300 events of 'a' -> one checkpoint per 100
    const returned = fold.stateAt('a', 1_500);
    returned.positions.length = 0; // callers may mutate what they get: checkpoints are private copies
    expect(fold.stateAt('a', 1_500)).toEqual(naive(store, 'a', 1_500));
    expect(fold.stateAt('fork')).toEqual(naive(store, 'fork', Number.MAX_SAFE_INTEGER));
  });

  it('stays correct while the stream grows after checkpoints were taken', () => {
    const fold = new CheckpointedFold(store, sumFold, { every: 100 });
    fold.stateAt('a');
    store.append('a', [value(1), value(2)], { expectedVersion: 'any' });
    expect(fold.stateAt('a')).toEqual(naive(store, 'a', Number.MAX_SAFE_INTEGER));
    expect(fold.stateAt('a').count).toBe(1_302);
  });
});
