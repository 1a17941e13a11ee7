import type { Migration } from './migration';

/**
 * Projection bookkeeping: which version of each projection built its tables and up to which global
 * position of the log it has applied. A version change triggers a rebuild on open; a lagging
 * position triggers a catch-up replay.
 */
export const migration0002Projections: Migration = {
  id: 2,
  name: 'projections',
  up(db) {
    db.exec(`
      CREATE TABLE projections (
        name TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        last_position INTEGER NOT NULL DEFAULT 0
      );
    `);
  },
};
