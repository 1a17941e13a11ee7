import type { Migration } from './migration';

/**
 * The log's head, anchored: one row holding the last global position and its hash, written by the
 * store in the same transaction as every append. The hash chain alone cannot show that events were
 * cut off the END of the log (the remaining prefix is still a valid chain); `remo verify` compares
 * the log's actual end with this row, so a deleted tail no longer verifies.
 *
 * The head only moves forward: a trigger refuses lowering it and deleting it. Honest limit: this
 * detects a truncation made by someone who did not know about (or forgot) the head. Anyone with
 * SQL access to the file can drop that trigger too and set the head to the new end; nothing stored
 * in the same file can prevent that. Only a head recorded outside the file (the position and hash
 * `remo verify` reports, kept elsewhere) would.
 *
 * Existing databases: the head is backfilled from the log's current last event.
 */
export const migration0009LogHead: Migration = {
  id: 9,
  name: 'log_head',
  up(db) {
    db.exec(`
      CREATE TABLE log_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        global_position INTEGER NOT NULL CHECK (global_position >= 1),
        hash TEXT NOT NULL
      );
      INSERT INTO log_head (id, global_position, hash)
        SELECT 1, global_position, hash FROM events ORDER BY global_position DESC LIMIT 1;
      CREATE TRIGGER log_head_no_rewind BEFORE UPDATE ON log_head WHEN NEW.global_position < OLD.global_position
        BEGIN SELECT RAISE(ABORT, 'the log head only moves forward'); END;
      CREATE TRIGGER log_head_no_delete BEFORE DELETE ON log_head
        BEGIN SELECT RAISE(ABORT, 'the log head cannot be deleted'); END;
    `);
  },
};
