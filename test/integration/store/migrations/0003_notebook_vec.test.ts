import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/store/openDatabase';
import { NOTEBOOK_EMBEDDING_DIMENSION } from '../../../../electron/core/store/migrations/0003_notebook_vec';
import { makeTempDir } from '../support/tempDir';
import { migrationsUpTo } from './migrationsUpTo';

/** A unit vector pointing mostly along axis `axis`, tilted by `tilt` towards axis + 1. */
function vector(axis: number, tilt = 0): Float32Array {
  const v = new Float32Array(NOTEBOOK_EMBEDDING_DIMENSION);
  v[axis] = 1;
  v[axis + 1] = tilt;
  return v;
}

describe('migration 0003 notebook_vec', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('creates a vec0 table answering KNN filtered by run and excluding an item', () => {
    const path = temp.path('log.db');
    const previous = openDatabase(path, { migrations: migrationsUpTo(2) });
    previous.prepare("INSERT INTO projections (name, version) VALUES ('notebook', 1)").run();
    previous.close();

    const db = openDatabase(path, { migrations: migrationsUpTo(3) });
    try {
      expect(db.prepare('SELECT * FROM projections').all()).toEqual([{ name: 'notebook', version: 1, last_position: 0 }]);
      const insert = db.prepare('INSERT INTO notebook_vec (entry_id, run_id, item_id, embedding) VALUES (?, ?, ?, ?)');
      insert.run(1n, 'run-a', 'q1', vector(0)); // the question being answered: must be excluded
      insert.run(2n, 'run-a', 'q2', vector(0, 0.1)); // nearest other item
      insert.run(3n, 'run-a', 'q3', vector(0, 1)); // 45 degrees away
      insert.run(4n, 'run-a', 'q4', vector(5)); // orthogonal
      insert.run(5n, 'run-b', 'q2', vector(0)); // identical but another run

      const knn = db.prepare(
        `SELECT entry_id, item_id, distance FROM notebook_vec
         WHERE embedding MATCH ? AND k = ? AND run_id = ? AND item_id != ?
         ORDER BY distance`,
      );
      const rows = knn.all(vector(0), 2, 'run-a', 'q1') as { entry_id: number; item_id: string; distance: number }[];
      expect(rows.map((r) => r.item_id)).toEqual(['q2', 'q3']);
      expect(rows[0]!.distance).toBeCloseTo(1 - 1 / Math.sqrt(1.01), 5); // cosine distance
      expect(rows[1]!.distance).toBeCloseTo(1 - Math.SQRT1_2, 5);
      expect(knn.all(vector(0), 10, 'run-b', 'q1')).toEqual([{ entry_id: 5, item_id: 'q2', distance: 0 }]);
    } finally {
      db.close();
    }
  });
});
