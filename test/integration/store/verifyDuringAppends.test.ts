import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/store/openDatabase';
import { openEventStore, type OpenedEventStore } from '../../../electron/core/store/openEventStore';
import type { Db } from '../../../electron/core/store/types';
import { verifyEventLog } from '../../../electron/core/store/verifyEventLog';
import { testRegistry, value } from './support/fixtures';
import { makeTempDir } from './support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
let writer: OpenedEventStore;
let reader: Db;
beforeEach(() => {
  temp = makeTempDir();
  writer = openEventStore({ path: temp.path('log.db'), registry: testRegistry() });
  writer.append('s', [value(1), value(2), value(3)], { expectedVersion: 0 });
  reader = openDatabase(temp.path('log.db'));
});
afterEach(() => {
  reader.close();
  writer.close();
  temp.cleanup();
});

it('verify reads the log and its head as one snapshot: an append by another connection in between is not a cut-off tail', () => {
  // The other connection appends right when verify comes to the log head, after it walked the events.
  let appended = false;
  const prepare = reader.prepare.bind(reader);
  reader.prepare = ((sql: string) => {
    if (!appended && /FROM log_head/.test(sql)) {
      appended = true;
      writer.append('s', [value(4)], { expectedVersion: 3 });
    }
    return prepare(sql);
  }) as Db['prepare'];
  const result = verifyEventLog(reader);
  expect(appended).toBe(true);
  expect(result).toEqual({ ok: true, eventCount: 3 });
  // The next verify sees the new event, and the log is whole.
  expect(verifyEventLog(reader)).toEqual({ ok: true, eventCount: 4 });
});
