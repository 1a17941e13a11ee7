import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/store/openDatabase';
import { makeTempDir } from '../support/tempDir';
import { migrationsUpTo } from './migrationsUpTo';

/** A unit vector of `size` pointing mostly along `axis`, tilted by `tilt` towards axis + 1. */
function vector(size: number, axis: number, tilt = 0): Buffer {
  const v = new Float32Array(size);
  v[axis] = 1;
  v[axis + 1] = tilt;
  return Buffer.from(v.buffer);
}

describe('migration 0008 notebook_vectors', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('adds a table for vectors of any size beside the 384-d vec0 index, searched exactly by run and size', () => {
    const path = temp.path('log.db');
    const previous = openDatabase(path, { migrations: migrationsUpTo(7) });
    const old = new Float32Array(384);
    old[0] = 1;
    previous.prepare('INSERT INTO notebook_vec (entry_id, run_id, item_id, embedding) VALUES (?, ?, ?, ?)').run(1n, 'run-old', 'q0', Buffer.from(old.buffer));
    previous.close();

    const db = openDatabase(path, { migrations: migrationsUpTo(8) });
    try {
      // What was there is untouched.
      expect(db.prepare('SELECT entry_id, run_id FROM notebook_vec').all()).toEqual([{ entry_id: 1, run_id: 'run-old' }]);
      const insert = db.prepare('INSERT INTO notebook_vectors (entry_id, run_id, item_id, dimension, embedding) VALUES (?, ?, ?, ?, ?)');
      insert.run(2, 'run-a', 'q2', 1024, vector(1024, 0, 0.1));
      insert.run(3, 'run-a', 'q3', 1024, vector(1024, 0, 1));
      insert.run(4, 'run-a', 'q4', 1024, vector(1024, 7));
      insert.run(5, 'run-b', 'q5', 1024, vector(1024, 0));
      insert.run(6, 'run-a', 'q6', 768, vector(768, 0));
      const knn = db.prepare(`SELECT entry_id, vec_distance_cosine(embedding, ?) AS distance FROM notebook_vectors
        WHERE run_id = ? AND dimension = ? ORDER BY distance, entry_id LIMIT ?`);
      const rows = knn.all(vector(1024, 0), 'run-a', 1024, 2) as { entry_id: number; distance: number }[];
      expect(rows.map((r) => r.entry_id)).toEqual([2, 3]);
      expect(rows[0]!.distance).toBeCloseTo(1 - 1 / Math.sqrt(1.01), 5);
      expect(rows[1]!.distance).toBeCloseTo(1 - Math.SQRT1_2, 5);
      expect(knn.all(vector(768, 0), 'run-a', 768, 5)).toEqual([{ entry_id: 6, distance: 0 }]);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notebook_vectors'").pluck().all()).toEqual(['notebook_vectors_by_run']);
    } finally {
      db.close();
    }
  });
});
