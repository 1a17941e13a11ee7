import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEventStore, type OpenedEventStore } from '../../../electron/core/store/openEventStore';
import { verifyEventLog } from '../../../electron/core/store/verifyEventLog';
import { makeTempDir } from './support/tempDir';
import { steppingClock } from './support/frozenClock';
import { testRegistry, value } from './support/fixtures';

/** Changes a stored event the way an attacker with SQL access would: around the trigger. */
function tamper(store: OpenedEventStore, sql: string): void {
  store.db.exec(`
    DROP TRIGGER events_no_update;
    ${sql};
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'events are immutable: UPDATE refused'); END;
  `);
}

describe('event log immutability and tamper detection', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: OpenedEventStore;

  beforeEach(() => {
    temp = makeTempDir();
    store = openEventStore({ path: temp.path('log.db'), clock: steppingClock(), registry: testRegistry() });
    for (let i = 1; i <= 5; i++) store.append(i % 2 ? 'a' : 'b', [value(i)], { expectedVersion: 'any' });
  });
  afterEach(() => {
    store.close();
    temp.cleanup();
  });

  it('refuses a raw UPDATE and a raw DELETE', () => {
    expect(() => store.db.prepare("UPDATE events SET data = '{}' WHERE global_position = 2").run()).toThrow(/UPDATE refused/);
    expect(() => store.db.prepare('DELETE FROM events WHERE global_position = 5').run()).toThrow(/DELETE refused/);
    expect(verifyEventLog(store.db)).toEqual({ ok: true, eventCount: 5 });
  });

  it('catches data changed behind the triggers and names the position', () => {
    tamper(store, `UPDATE events SET data = '{"value":99}' WHERE global_position = 3`);
    expect(verifyEventLog(store.db)).toMatchObject({ ok: false, position: 3, eventCount: 2, reason: expect.stringMatching(/hash mismatch/) });
  });

  it('catches a rewritten hash: the next event no longer chains', () => {
    tamper(store, `UPDATE events SET data = '{"value":99}', hash = '${'a'.repeat(64)}' WHERE global_position = 3`);
    expect(verifyEventLog(store.db)).toMatchObject({ ok: false, position: 3 });
  });

  it('catches a deleted event in the middle', () => {
    store.db.exec(`
      DROP TRIGGER events_no_delete;
      DELETE FROM events WHERE global_position = 2;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'x'); END;
    `);
    expect(verifyEventLog(store.db)).toMatchObject({ ok: false, position: 3, reason: expect.stringMatching(/expected global position 2/) });
  });

  it('reports a missing trigger', () => {
    store.db.exec('DROP TRIGGER events_no_delete');
    expect(verifyEventLog(store.db)).toMatchObject({ ok: false, reason: expect.stringMatching(/events_no_delete/) });
  });

  it('reports a trigger that was replaced by one that no longer refuses', () => {
    store.db.exec('DROP TRIGGER events_no_update; CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT 1; END;');
    expect(verifyEventLog(store.db)).toMatchObject({ ok: false, reason: expect.stringMatching(/disarmed .*events_no_update/) });
  });
});
