import { closeSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastJsonLine, runRemo, tempDir } from './cliHarness';

// One rule for every command (README, "The CLI"): 0 done, 1 the operation failed, 2 bad usage or
// bad input, 3 a run paused or stopped before its end; with --json the last stdout line is a JSON
// object, `{"ok":false,"error":{"code","message"}}` when the command failed.
let dir: string;
let cleanup: () => void;
let db: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('remo-exit-'));
  db = join(dir, 'remo.db');
});
afterEach(() => cleanup());

const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

function expectJsonError(stdout: string, code?: string): { code: string; message: string } {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  expect(lines.length).toBeGreaterThan(0);
  const last = lastJsonLine(stdout) as { ok: boolean; error: { code: string; message: string } };
  expect(last.ok).toBe(false);
  expect(typeof last.error.message).toBe('string');
  if (code) expect(last.error.code).toBe(code);
  return last.error;
}

describe('exit codes and --json errors', () => {
  it('given a dataset file with bad rows, then exit 2 (bad input) and, with --json, one JSON error line', async () => {
    const csv = write('bad.csv', 'question,answer\nq1,1\nq2,\n');
    const plain = await runRemo(['datasets', 'import', csv, '--db', db, '--name', 'bad']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('line 3: field "answer" is empty');
    const json = await runRemo(['datasets', 'import', csv, '--db', db, '--name', 'bad', '--json']);
    expect(json.code).toBe(2);
    const error = expectJsonError(json.stdout, 'invalid-dataset');
    expect(error.message).toContain('nothing was imported');
    expect(lastJsonLine(json.stdout)).toMatchObject({ error: { errors: ['line 3: field "answer" is empty'], warnings: [] } });
  }, 60_000);

  it('given a config nested 100k levels deep, then exit 2 with "nested deeper than" (not a stack overflow), JSON error on stdout', async () => {
    const deep = write('deep.json', '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}');
    for (const extra of [[], ['--dry-run']]) {
      const result = await runRemo(['run', '--config', deep, '--db', db, '--json', ...extra]);
      expect(result.stderr).not.toContain('Maximum call stack');
      expect(result.stderr).toMatch(/nested deeper than 100 levels/);
      expect(result.code).toBe(2);
      expect(expectJsonError(result.stdout, 'bad-request').message).toMatch(/nested deeper than 100 levels/);
    }
  }, 60_000);

  it('given a usage error or a missing database with --json, then exit 2 and a JSON error line on stdout', async () => {
    const unknownFlag = await runRemo(['runs', '--db', db, '--json', '--nope']);
    expect(unknownFlag.code).toBe(2);
    expectJsonError(unknownFlag.stdout, 'usage');
    const missing = await runRemo(['runs', '--db', db, '--json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^remo: no database at/);
    expect(expectJsonError(missing.stdout, 'bad-request').message).toMatch(/no database at/);
    const noRun = await runRemo(['show', 'run-nope', '--db', db, '--json']);
    expect(noRun.code).toBe(2);
    expectJsonError(noRun.stdout);
  }, 60_000);

  it('given input with escape sequences and NULs, then error messages show them escaped, never raw', async () => {
    // A config that is not JSON: V8 quotes the text around the error, ESC and all.
    const config = write('evil.json', '{"name": \u001b]0;pwned\u0007\u001b[2J \u0000 \u009b31m \u202e}');
    const result = await runRemo(['run', '--config', config, '--db', db, '--json']);
    expect(result.code).toBe(2);
    for (const output of [result.stderr, result.stdout]) {
      expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    }
    expect(result.stderr).toContain('\\x1b');
    // A dataset whose header repeats a column named with an escape sequence.
    const csv = write('evil.csv', 'question,answer,\u001b[31mx,\u001b[31mx\nq,1,2,3\n');
    const dataset = await runRemo(['datasets', 'import', csv, '--db', db, '--name', 'evil']);
    expect(dataset.code).toBe(2);
    expect(dataset.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(dataset.stderr).toContain('header repeats the column "\\x1b[31mx"');
  }, 60_000);

  it('given a 600 MB dataset file, then it says the file is too large (size and limit), without reading it', async () => {
    const big = join(dir, 'big.jsonl');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 600 * 1024 * 1024); // sparse: instant, no disk used
    closeSync(fd);
    const started = Date.now();
    const result = await runRemo(['datasets', 'import', big, '--db', db, '--name', 'big', '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/UTF-8/);
    expect(result.stderr).toMatch(/too large: 600\.0 MiB \(629145600 bytes\); the limit is 128 MiB/);
    expectJsonError(result.stdout);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);
});
