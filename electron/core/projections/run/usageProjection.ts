import { preparedStatement } from '../../store/preparedStatement';
import type { StoredEvent } from '../../../../shared/events/envelope';
import type { LoggedCall } from '../../../../shared/events/run/runEventTypes';
import { RUN_EVENT_TYPES } from '../../../../shared/events/run/runEventSchemas';
import type { Projection } from '../projection';

export const RUN_USAGE_TABLE = 'run_usage_by_role';

/** Calls, cache hits, estimated-token calls, tokens and latency per run and role, from every event's call records. */
export const usageProjection: Projection = {
  name: 'run-usage',
  // v2: estimated_calls (calls whose token counts the gateway estimated).
  version: 2,
  handles: RUN_EVENT_TYPES,
  tables: [RUN_USAGE_TABLE],
  init(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${RUN_USAGE_TABLE} (
      run_id TEXT NOT NULL, role TEXT NOT NULL, calls INTEGER NOT NULL, cached_calls INTEGER NOT NULL, estimated_calls INTEGER NOT NULL, prompt_tokens INTEGER NOT NULL,
      completion_tokens INTEGER NOT NULL, latency_ms INTEGER NOT NULL, PRIMARY KEY (run_id, role)
    )`);
  },
  apply(db, event: StoredEvent) {
    const calls = (event.data as { calls?: LoggedCall[] }).calls;
    if (!calls || calls.length === 0) return;
    const upsert = preparedStatement(db, `INSERT INTO ${RUN_USAGE_TABLE} VALUES (?, ?, 1, ?, ?, ?, ?, ?)
      ON CONFLICT (run_id, role) DO UPDATE SET calls = calls + 1, cached_calls = cached_calls + excluded.cached_calls,
      estimated_calls = estimated_calls + excluded.estimated_calls,
      prompt_tokens = prompt_tokens + excluded.prompt_tokens, completion_tokens = completion_tokens + excluded.completion_tokens,
      latency_ms = latency_ms + excluded.latency_ms`);
    for (const c of calls) upsert.run(event.streamId, c.role, c.cached ? 1 : 0, c.estimated ? 1 : 0, c.promptTokens, c.completionTokens, Math.round(c.latencyMs));
  },
  truncate(db) {
    db.exec(`DROP TABLE IF EXISTS ${RUN_USAGE_TABLE}`);
  },
};
