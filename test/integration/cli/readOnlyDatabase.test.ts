import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRemo, tempDir } from './cliHarness';

describe('read-only commands never create a database', { timeout: 60_000 }, () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.cleanup());

  it('an empty (0-byte) file stays empty: one-line usage error, exit 2', async () => {
    const empty = join(temp.dir, 'empty.db');
    writeFileSync(empty, '');
    for (const args of [['runs'], ['verify'], ['show', 'run-x']]) {
      const result = await runRemo([...args, '--db', empty]);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(/empty file, not a REMO database/);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(statSync(empty).size).toBe(0);
      expect(readdirSync(temp.dir)).toEqual(['empty.db']);
    }
  });

  it('a directory as --db gets a clear message and exit 2, not "disk I/O error"', async () => {
    const folder = join(temp.dir, 'folder');
    mkdirSync(folder);
    for (const args of [['runs'], ['verify']]) {
      const result = await runRemo([...args, '--db', folder]);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(/is a directory, not a database file/);
      expect(result.stderr).not.toMatch(/disk I\/O/);
    }
    expect(readdirSync(folder)).toEqual([]);
    expect(existsSync(join(temp.dir, 'folder-wal'))).toBe(false);
  });
});
