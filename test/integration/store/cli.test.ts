import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEventStore } from '../../../electron/core/store/openEventStore';
import { makeTempDir } from './support/tempDir';
import { steppingClock } from './support/frozenClock';
import { testRegistry, value } from './support/fixtures';

const remoBin = fileURLToPath(new URL('../../../electron/cli/remo.mjs', import.meta.url));

function remo(...args: string[]) {
  return remoWithEnv({}, ...args);
}

function remoWithEnv(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [remoBin, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('remo verify / remo rebuild', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let dbPath: string;
  beforeEach(() => {
    temp = makeTempDir('remo-cli-');
    dbPath = temp.path('log.db');
    const store = openEventStore({ path: dbPath, clock: steppingClock(), registry: testRegistry() });
    for (let i = 1; i <= 6; i++) store.append(`run-${i % 2}`, [value(i)], { expectedVersion: 'any' });
    store.close();
  });
  afterEach(() => temp.cleanup());

  it('verify prints ok N events and exits 0 on an intact log', () => {
    expect(remo('verify', '--db', dbPath)).toEqual({ code: 0, stdout: 'ok 6 events\n', stderr: '' });
  });

  it('verify names the first bad position and exits 1 on a tampered log', () => {
    const store = openEventStore({ path: dbPath, registry: testRegistry() });
    store.db.exec(`
      DROP TRIGGER events_no_update;
      UPDATE events SET metadata = '{"forged":true}' WHERE global_position = 4;
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'x'); END;
    `);
    store.close();
    const result = remo('verify', '--db', dbPath);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^bad event at global position 4: hash mismatch/);
  });

  it('a damaged (truncated) database gets one line saying so, exit 1, and stays as it was', () => {
    const bytes = readFileSync(dbPath);
    const truncated = bytes.subarray(0, Math.floor(bytes.length / 2));
    writeFileSync(dbPath, truncated);
    for (const command of ['verify', 'rebuild']) {
      const result = remo(command, '--db', dbPath);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^remo: the database file is damaged \(SQLite: [^)]+\); nothing was written\./);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(readFileSync(dbPath).equals(truncated)).toBe(true);
  });

  it('verify and rebuild refuse a missing file with one line and exit 2, creating nothing', () => {
    const missing = temp.path('missing.db');
    for (const command of ['verify', 'rebuild']) {
      const result = remo(command, '--db', missing);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`remo: no database at ${missing}\n`);
      expect(existsSync(missing)).toBe(false);
    }
  });

  it('unknown flags and a missing database are one-line errors with exit 2; --help exits 0; without --db they use $REMO_DB', () => {
    for (const command of ['verify', 'rebuild']) {
      const unknown = remo(command, '--db', dbPath, '--frobnicate');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
      expect(unknown.stderr).toMatch(/unknown option '--frobnicate'/);
      const missing = `${dbPath}.missing`;
      const noDb = remoWithEnv({ REMO_DB: missing }, command);
      expect(noDb.code).toBe(2);
      expect(noDb.stderr.trim()).toBe(`remo: no database at ${missing}`);
      const fromEnv = remoWithEnv({ REMO_DB: dbPath }, command);
      expect(fromEnv.code).toBe(0);
      const help = remo(command, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`Usage: remo ${command} \\[options\\]`));
    }
  }, 90_000); // a dozen CLI processes, each starting Node + tsx

  it('rebuild prints events, time and a checksum that is the same for the same log', () => {
    const first = remo('rebuild', '--db', dbPath);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^events: 6\nprojections: \d+.*\napplied: \d+\ntime: [\d.]+ ms\nchecksum: [0-9a-f]{64}\n$/);
    const second = remo('rebuild', '--db', dbPath);
    const checksum = (out: string) => /checksum: (\w+)/.exec(out)![1];
    expect(checksum(second.stdout)).toBe(checksum(first.stdout));
    expect(remo('verify', '--db', dbPath).stdout).toBe('ok 6 events\n');
  });
});
