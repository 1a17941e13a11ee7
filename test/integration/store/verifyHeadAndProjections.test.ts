import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/composition/createCore';
import { openDatabase } from '../../../electron/core/store/openDatabase';
import { openEventStore } from '../../../electron/core/store/openEventStore';
import { verifyEventLog } from '../../../electron/core/store/verifyEventLog';
import { createTestWorld, smallConfig, type TestWorld } from '../runs/runFixtures';
import { testRegistry, value } from './support/fixtures';
import { migrationsUpTo } from './migrations/migrationsUpTo';

const remoBin = fileURLToPath(new URL('../../../electron/cli/remo.mjs', import.meta.url));
function remo(...args: string[]) {
  const result = spawnSync(process.execPath, [remoBin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What an editor with SQL access does: drop the trigger, change the table, put the trigger back. */
function tamper(path: string, sql: string): void {
  const db = openDatabase(path);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

describe('remo verify: a cut-off tail and edited projections', { timeout: 120_000 }, () => {
  let world: TestWorld;
  let dbPath: string;
  let runId: string;
  beforeEach(async () => {
    world = await createTestWorld({ latencyMs: 2 });
    dbPath = world.dbPath('remo.db');
    const core = await createCore({ dbPath });
    ({ runId } = await core.runs.start(smallConfig(world.simulator.url)));
    await core.runs.waitForRun(runId);
    await core.close();
  });
  afterEach(async () => {
    await world.dispose();
  });

  it('an intact database verifies ok, projections included', () => {
    const result = remo('verify', '--db', dbPath);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok \d+ events\n$/);
  });

  it('deleting the newest event (trigger dropped and restored) is detected', () => {
    tamper(dbPath, `
      DROP TRIGGER events_no_delete;
      DELETE FROM events WHERE global_position = (SELECT max(global_position) FROM events);
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are immutable: DELETE refused'); END;
    `);
    const result = remo('verify', '--db', dbPath);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/cut off|truncated/);
  });

  it('an edited run_summaries row is reported with the projection that differs', () => {
    tamper(dbPath, `UPDATE run_summaries SET status = 'running', val = 0.99 WHERE run_id = '${runId}'`);
    const result = remo('verify', '--db', dbPath);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/run-summaries/);
    expect(result.stdout).not.toMatch(/run-metrics/);
    // verify changed nothing: the edited row is still there, for `remo rebuild` to repair.
    const db = openDatabase(dbPath);
    try {
      expect(db.prepare('SELECT status FROM run_summaries WHERE run_id = ?').get(runId)).toEqual({ status: 'running' });
    } finally {
      db.close();
    }
    expect(remo('rebuild', '--db', dbPath).code).toBe(0);
    expect(remo('verify', '--db', dbPath).code).toBe(0);
  });
});

describe('log head migration', () => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await createTestWorld();
  });
  afterEach(async () => world.dispose());

  it('an existing database gets its head backfilled on migrate; a truncation after that is caught', () => {
    const path = world.dbPath('old.db');
    const old = openEventStore({ db: openDatabase(path, { migrations: migrationsUpTo(8) }), registry: testRegistry() });
    old.append('run', [value(1), value(2), value(3)], { expectedVersion: 'no-stream' });
    old.db.close();

    const store = openEventStore({ db: openDatabase(path), registry: testRegistry() });
    try {
      expect(store.db.prepare('SELECT global_position FROM log_head').get()).toEqual({ global_position: 3 });
      store.append('run', [value(4)], { expectedVersion: 3 });
      expect(verifyEventLog(store.db)).toEqual({ ok: true, eventCount: 4 });
      store.db.exec(`
        DROP TRIGGER events_no_delete;
        DELETE FROM events WHERE global_position = 4;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'x'); END;
      `);
      expect(verifyEventLog(store.db)).toMatchObject({ ok: false, eventCount: 3, position: 4 });
    } finally {
      store.db.close();
    }
  });
});
