import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastJsonLine, runRemo, tempDir } from '../cli/cliHarness';

// Spawns the real `remo` (electron/cli/remo.mjs through tsx) with this Node (22 inside vitest).
let dir: string;
let cleanup: () => void;
let db: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('remo-datasets-cli-'));
  db = join(dir, 'remo.db');
});
afterEach(() => cleanup());

const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('remo datasets import / list', () => {
  it('given a good JSONL file, then it prints the hash, count and warnings; the CSV twin is a no-op with the same hash', async () => {
    const jsonl = write('d.jsonl', '{"id":"1","question":"Two plus two?","answer":"#### 4"}\n{"id":"2","question":"two PLUS two?","answer":"so #### 1,004"}\n');
    const first = await runRemo(['datasets', 'import', jsonl, '--db', db, '--name', 'mini', '--id-field', 'id', '--gold', 'gsm8k']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/imported "mini": 2 items/);
    const hash = /hash ([0-9a-f]{64})/.exec(first.stdout)?.[1];
    expect(hash).toBeDefined();
    expect(first.stdout).toMatch(/warnings \(1\):\n {2}line 2: duplicate question \(same as line 1\)/);

    const csv = write('d.csv', 'id,question,answer\n1,Two plus two?,#### 4\n2,two PLUS two?,"so #### 1,004"\n');
    const second = await runRemo(['datasets', 'import', csv, '--db', db, '--name', 'mini-csv', '--id-field', 'id', '--gold', 'gsm8k', '--json']);
    expect(second.code).toBe(0);
    expect(lastJsonLine(second.stdout)).toMatchObject({ ok: true, hash, created: false, name: 'mini', itemCount: 2 });

    const list = await runRemo(['datasets', 'list', '--db', db, '--json']);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout.trim()) as Array<{ hash: string; name: string; itemCount: number }>;
    expect(rows).toEqual([expect.objectContaining({ hash, name: 'mini', itemCount: 2, format: 'jsonl' })]);
    const table = await runRemo(['datasets', 'list', '--db', db]);
    expect(table.stdout).toContain(hash!.slice(0, 12));
  });

  it('given a bad file, then exit 2 (bad input), errors with line numbers on stderr, and no database is created', async () => {
    const csv = write('bad.csv', 'question,answer\nq1,1\nq2,\nq3');
    const result = await runRemo(['datasets', 'import', csv, '--db', db, '--name', 'bad']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nothing was imported');
    expect(result.stderr).toContain('line 3: field "answer" is empty');
    expect(result.stderr).toContain('line 4: expected 2 fields');
    expect(existsSync(db)).toBe(false);
  });

  it('given usage errors (missing file, unknown extension, bad --format, missing --name), then exit 2 with one line', async () => {
    const missing = await runRemo(['datasets', 'import', join(dir, 'nope.jsonl'), '--db', db, '--name', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^remo: no such file/);

    const txt = write('data.txt', 'question,answer\nq,1\n');
    const unknown = await runRemo(['datasets', 'import', txt, '--db', db, '--name', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--format/);

    const badFormat = await runRemo(['datasets', 'import', txt, '--db', db, '--name', 'x', '--format', 'xml']);
    expect(badFormat.code).toBe(2);

    const noName = await runRemo(['datasets', 'import', txt, '--db', db, '--format', 'csv']);
    expect(noName.code).toBe(2);
    expect(noName.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(db)).toBe(false);

    const csvOk = await runRemo(['datasets', 'import', txt, '--db', db, '--name', 'x', '--format', 'csv']);
    expect(csvOk.code).toBe(0);
  });

  it('given list on a missing database, then exit 2', async () => {
    const result = await runRemo(['datasets', 'list', '--db', join(dir, 'none.db')]);
    expect(result.code).toBe(2);
  });
});
