import { preparedStatement } from '../store/preparedStatement';
import type { StoredEvent } from '../../../shared/events/envelope';
import type { LoggedCall } from '../../../shared/events/run/runEventTypes';
import { RUN_EVENT_TYPES } from '../../../shared/events/run/runEventSchemas';
import type { Projection } from '../projections/projection';
import { classifyTimelineEvent } from './classifyTimelineEvent';
import { TIMELINE_TABLE, TIMELINE_USAGE_TABLE } from './timelineTables';

/**
 * The run view's index: one small row per event (type, phase, epoch, step, calls, tokens) and one
 * row per event and role that made model calls. The timeline and the usage charts read these
 * instead of parsing payloads, so opening a 50,000-event run costs one index scan.
 */
export const timelineProjection: Projection = {
  name: 'run-timeline',
  version: 1,
  handles: RUN_EVENT_TYPES,
  tables: [TIMELINE_TABLE, TIMELINE_USAGE_TABLE],
  init(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${TIMELINE_TABLE} (
      run_id TEXT NOT NULL, position INTEGER NOT NULL, type TEXT NOT NULL, phase INTEGER NOT NULL, epoch INTEGER NOT NULL,
      step INTEGER NOT NULL, calls INTEGER NOT NULL, tokens INTEGER NOT NULL, PRIMARY KEY (run_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS ${TIMELINE_USAGE_TABLE} (
      run_id TEXT NOT NULL, position INTEGER NOT NULL, role TEXT NOT NULL, calls INTEGER NOT NULL, cached INTEGER NOT NULL,
      prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL, PRIMARY KEY (run_id, position, role)
    ) WITHOUT ROWID`);
  },
  apply(db, event: StoredEvent) {
    const { phase, epoch, step } = classifyTimelineEvent(event);
    const records = (event.data as { calls?: LoggedCall[] }).calls ?? [];
    const byRole = new Map<string, { calls: number; cached: number; prompt: number; completion: number }>();
    for (const call of records) {
      const row = byRole.get(call.role) ?? { calls: 0, cached: 0, prompt: 0, completion: 0 };
      row.calls += 1;
      row.cached += call.cached ? 1 : 0;
      row.prompt += call.promptTokens;
      row.completion += call.completionTokens;
      byRole.set(call.role, row);
    }
    let tokens = 0;
    for (const row of byRole.values()) tokens += row.prompt + row.completion;
    preparedStatement(db, `INSERT INTO ${TIMELINE_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
      event.streamId, event.globalPosition, event.type, phase, epoch, step, records.length, tokens);
    if (byRole.size === 0) return;
    const usage = preparedStatement(db, `INSERT INTO ${TIMELINE_USAGE_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?)`);
    for (const [role, row] of byRole) usage.run(event.streamId, event.globalPosition, role, row.calls, row.cached, row.prompt, row.completion);
  },
  truncate(db) {
    db.exec(`DROP TABLE IF EXISTS ${TIMELINE_TABLE}; DROP TABLE IF EXISTS ${TIMELINE_USAGE_TABLE};`);
  },
};
