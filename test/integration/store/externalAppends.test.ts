import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../shared/events/envelope';
import { openEventStore, type OpenedEventStore } from '../../../electron/core/store/openEventStore';
import { makeTempDir } from './support/tempDir';
import { note, testRegistry, value } from './support/fixtures';

// Two connections to one file stand for two processes (`remo run` writing, `remo web` watching).
describe('subscribers see appends made by other processes', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let watcher: OpenedEventStore;
  let writer: OpenedEventStore;

  beforeEach(() => {
    temp = makeTempDir();
    watcher = openEventStore({ path: temp.path('log.db'), registry: testRegistry(), externalAppendPollMs: 10 });
    writer = openEventStore({ path: temp.path('log.db'), registry: testRegistry() });
  });
  afterEach(() => {
    writer.close();
    watcher.close();
    temp.cleanup();
  });

  const until = async (condition: () => boolean): Promise<void> => {
    for (let waited = 0; !condition(); waited += 10) {
      if (waited > 5_000) throw new Error('timed out waiting for pushed events');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('delivers every event once, in global order, whether appended here or elsewhere', async () => {
    watcher.append('before', [value(0)], { expectedVersion: 'no-stream' });
    const received: StoredEvent[] = [];
    const unsubscribe = watcher.subscribe((events) => received.push(...events));

    writer.append('run-x', [value(1), value(2)], { expectedVersion: 'no-stream' });
    await until(() => received.length === 2);
    expect(received.map((e) => [e.globalPosition, e.streamId, e.data])).toEqual([[2, 'run-x', { value: 1 }], [3, 'run-x', { value: 2 }]]);

    // Another process appends, then this one appends before the poll: ours must not jump the queue.
    writer.append('run-x', [value(3)], { expectedVersion: 2 });
    watcher.append('run-y', [note('local')], { expectedVersion: 'no-stream' });
    expect(received.map((e) => e.globalPosition)).toEqual([2, 3, 4, 5]);
    expect(received[2]!.data).toEqual({ value: 3 });

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.map((e) => e.globalPosition)).toEqual([2, 3, 4, 5]);

    unsubscribe();
    writer.append('run-x', [value(4)], { expectedVersion: 3 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toHaveLength(4);
  });

  it('a new subscriber starts from now, not from the start of the log', async () => {
    writer.append('old', [value(1)], { expectedVersion: 'no-stream' });
    const received: number[] = [];
    watcher.subscribe((events) => received.push(...events.map((e) => e.globalPosition)));
    writer.append('new', [value(2)], { expectedVersion: 'no-stream' });
    await until(() => received.length > 0);
    expect(received).toEqual([2]);
  });
});
