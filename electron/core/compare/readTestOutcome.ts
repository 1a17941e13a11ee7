import type { EvaluationCompletedData } from '../../../shared/events/run/runEventTypes';
import type { EventStore } from '../store/types';
import { eventAtPosition } from '../timeline/readEventAt';
import { logicalSegments } from '../timeline/logicalSegments';
import type { TestOutcome } from './comparePair';

/**
 * The final test of `runId` (its 'test' EvaluationCompleted at `testPosition`): correctness per
 * item, and each item's answer: the latest eval SolverAnswered for the item at or before the test
 * in the run's logical log. An answer reused from an identical earlier request is logged once, so
 * it may be the seed test's (or, for a fork, the parent's).
 */
export function readTestOutcome(store: EventStore, runId: string, testPosition: number): TestOutcome | null {
  const event = eventAtPosition(store, testPosition);
  if (!event || event.type !== 'EvaluationCompleted') return null;
  const data = event.data as EvaluationCompletedData;
  const correct = new Map(data.items.map((item) => [item.itemId, item.correct]));
  return {
    runId,
    correct,
    answers(itemIds) {
      const found = new Map<string, { predicted: string | null; position: number }>();
      if (itemIds.length === 0) return found;
      const statement = store.db.prepare(`SELECT global_position AS position, json_extract(data, '$.itemId') AS itemId, json_extract(data, '$.predicted') AS predicted
        FROM events WHERE stream_id = ? AND type = 'SolverAnswered' AND global_position <= ?
          AND json_extract(data, '$.purpose') = 'eval' AND json_extract(data, '$.itemId') IN (SELECT value FROM json_each(?))
        ORDER BY global_position`);
      const ids = JSON.stringify(itemIds);
      // Oldest segment first, so a later answer replaces an earlier one.
      for (const segment of logicalSegments(store.db, runId)) {
        const rows = statement.all(segment.runId, Math.min(segment.upTo, testPosition), ids) as { position: number; itemId: string; predicted: string | null }[];
        for (const row of rows) found.set(row.itemId, { predicted: row.predicted === null ? null : String(row.predicted), position: row.position });
      }
      return found;
    },
  };
}
