import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findDataset, listDatasets, loadDataset, storeDataset } from '../../../electron/core/datasets/datasetStore';
import { importDatasetFile } from '../../../electron/core/datasets/importDatasetFile';
import { openDatabase } from '../../../electron/core/store/openDatabase';
import { migrations } from '../../../electron/core/store/migrations/index';
import { migration0005Datasets } from '../../../electron/core/store/migrations/0005_datasets';
import type { Db } from '../../../electron/core/store/types';
import { resolveSplit } from '../../../shared/datasets/resolveSplit';

const mapping = { questionField: 'question', answerField: 'answer', gold: 'raw' as const };
let dir: string;
let db: Db;
let tick: number;
/** Frozen clock that advances one second per call, so "newest" is deterministic. */
const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));
const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'remo-datasets-'));
  db = openDatabase(join(dir, 'remo.db'));
  tick = 0;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const items = [
  { id: 'a', question: 'one?', answer: '1' },
  { id: 'b', question: 'two?', answer: '2' },
];

describe('migration 0005', () => {
  const upTo = (id: number) => migrations.filter((m) => m.id <= id);
  const tables = (d: Db) =>
    (d.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

  it('given a database at the schema before 0005 with data, when 0005 runs, then only the datasets tables appear and the data stays', () => {
    const path = join(dir, 'old.db');
    const before = openDatabase(path, { migrations: upTo(4) });
    before.prepare("INSERT INTO projections (name, version) VALUES ('fixture', 1)").run();
    const tablesBefore = tables(before);
    before.close();
    const after = openDatabase(path, { migrations: upTo(5) });
    try {
      expect(tables(after).filter((t) => !tablesBefore.includes(t)).sort()).toEqual(['dataset_items', 'datasets']);
      expect(after.prepare("SELECT version FROM projections WHERE name = 'fixture'").get()).toEqual({ version: 1 });
      expect(upTo(5).map((m) => m.id)).toContain(migration0005Datasets.id);
    } finally {
      after.close();
    }
  });
});

describe('storeDataset / loadDataset', () => {
  it('given new items, when stored, then they load back in order under their content hash', () => {
    const stored = storeDataset(db, { name: 'tiny', format: 'jsonl', items }, clock);
    expect(stored.created).toBe(true);
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    const loaded = loadDataset(db, stored.hash);
    expect(loaded).toEqual({ name: 'tiny', hash: stored.hash, source: 'jsonl', train: items, test: null });
    expect(loadDataset(db, 'tiny').hash).toBe(stored.hash);
    expect(loadDataset(db, stored.hash.slice(0, 10)).hash).toBe(stored.hash);
  });

  it('given the same content twice (other name, other format), then the second is a no-op reporting the first', () => {
    const first = storeDataset(db, { name: 'tiny', format: 'jsonl', items }, clock);
    const second = storeDataset(db, { name: 'again', format: 'csv', items }, clock);
    expect(second).toMatchObject({ hash: first.hash, created: false, summary: { name: 'tiny', format: 'jsonl' } });
    expect(count('datasets')).toBe(1);
    expect(count('dataset_items')).toBe(2);
  });

  it('given two versions under one name, then the name loads the newest; list is newest first', () => {
    const v1 = storeDataset(db, { name: 'evolving', format: 'jsonl', items }, clock);
    const v2 = storeDataset(db, { name: 'evolving', format: 'jsonl', items: [...items, { id: 'c', question: 'three?', answer: '3' }] }, clock);
    expect(loadDataset(db, 'evolving').hash).toBe(v2.hash);
    expect(listDatasets(db).map((d) => d.hash)).toEqual([v2.hash, v1.hash]);
    expect(findDataset(db, 'missing')).toBeNull();
    expect(() => loadDataset(db, 'missing')).toThrow(/no dataset/);
  });

  it('given a stored item, when someone updates it, then the trigger refuses (content addressing holds)', () => {
    const { hash } = storeDataset(db, { name: 'tiny', format: 'jsonl', items }, clock);
    expect(() => db.prepare("UPDATE dataset_items SET answer = '9' WHERE dataset_hash = ?").run(hash)).toThrow(/immutable/);
  });

  it('given an imported dataset without test split, then resolveSplit carves test out of it', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `i${i}`, question: `q${i}`, answer: String(i) }));
    const { hash } = storeDataset(db, { name: 'many', format: 'json', items: many }, clock);
    const split = resolveSplit(loadDataset(db, hash), { preset: 'custom', train: 10, val: 5, test: 5, seed: 1 });
    expect(split.test).toHaveLength(5);
    expect(split.notes[0]).toMatch(/no test split/);
  });
});

describe('importDatasetFile (file -> validated -> stored)', () => {
  it('given a bad file, then nothing is written and the errors carry line numbers', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"question":"a","answer":"1"}\n{"question":"b"}\n');
    const result = importDatasetFile(db, { path: file, name: 'bad', format: 'jsonl', mapping }, clock);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toEqual({ location: { kind: 'line', line: 2 }, message: 'missing field "answer"' });
    expect(count('datasets')).toBe(0);
    expect(count('dataset_items')).toBe(0);
  });

  it('given a good CSV and the same data as JSON, then the second import is a no-op with the same hash', () => {
    const csv = join(dir, 'd.csv');
    const json = join(dir, 'd.json');
    writeFileSync(csv, 'question,answer\none?,1\ntwo?,2\n');
    writeFileSync(json, JSON.stringify([{ question: 'one?', answer: '1' }, { question: 'two?', answer: 2 }]));
    const a = importDatasetFile(db, { path: csv, name: 'd', format: 'csv', mapping }, clock);
    const b = importDatasetFile(db, { path: json, name: 'd', format: 'json', mapping }, clock);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(b.hash).toBe(a.hash);
      expect([a.created, b.created]).toEqual([true, false]);
    }
  });

  it('given a missing file, then a DatasetFileError', () => {
    expect(() => importDatasetFile(db, { path: join(dir, 'nope.csv'), name: 'x', format: 'csv', mapping }, clock)).toThrow(/no such file/);
  });
});
