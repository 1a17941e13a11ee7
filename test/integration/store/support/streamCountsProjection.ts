import type { StoredEvent } from '../../../../shared/events/envelope';
import { RUN_FORKED, type RunForkedData } from '../../../../shared/events/envelope';
import type { Projection } from '../../../../electron/core/projections/projection';

/**
 * Test-only projection: per-stream event counts and value sums, plus, for forks, how many events
 * the fork inherited from its parent (read through ctx, the way the notebook will).
 */
export function streamCountsProjection(version = 1): Projection {
  return {
    name: 'stream_counts',
    version,
    handles: ['ValueRecorded', 'NoteWritten', RUN_FORKED],
    tables: ['stream_counts', 'fork_inheritance'],
    init(db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS stream_counts (stream_id TEXT PRIMARY KEY, events INTEGER NOT NULL, value_sum REAL NOT NULL, last_type TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS fork_inheritance (stream_id TEXT PRIMARY KEY, parent TEXT NOT NULL, inherited INTEGER NOT NULL);
      `);
    },
    apply(db, event: StoredEvent, ctx) {
      const value = typeof (event.data as { value?: unknown }).value === 'number' ? (event.data as { value: number }).value : 0;
      db.prepare(
        `INSERT INTO stream_counts (stream_id, events, value_sum, last_type) VALUES (?, 1, ?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET events = events + 1, value_sum = value_sum + excluded.value_sum, last_type = excluded.last_type`,
      ).run(event.streamId, value, event.type);
      if (event.type === RUN_FORKED) {
        const fork = event.data as RunForkedData;
        const inherited = ctx.readStream(fork.parentRunId, { toGlobalPosition: fork.parentPosition }).length;
        db.prepare('INSERT INTO fork_inheritance (stream_id, parent, inherited) VALUES (?, ?, ?)').run(event.streamId, fork.parentRunId, inherited);
      }
    },
    truncate(db) {
      db.exec('DROP TABLE IF EXISTS stream_counts; DROP TABLE IF EXISTS fork_inheritance;');
    },
  };
}
