import type { RunConfig } from '../../../shared/config/runConfig';
import { EVALUATIONS_TABLE } from '../projections/run/metricsProjection';
import { stepsInEpoch } from '../engine/schedule';
import type { EventStore } from '../store/types';
import { TIMELINE_TABLE } from '../timeline/timelineTables';

/** Where a run stands in its schedule, from the projections (own events; a fork counts from its fork point). */
export interface ScheduleFacts {
  done: number;
  total: number;
  where: string;
  /** PhaseFailed events of the run's own log. */
  failures: number;
}

/**
 * Schedule units like the live progress (engine/scheduleProgress.ts): seed val, seed test (once
 * landed), every optimizer step, the final test. Read from the timeline index, so a run that is not executing
 * here (another process, or stopped) still has a bar.
 */
export function readScheduleFacts(store: EventStore, runId: string, config: RunConfig, trainSize: number, completed: boolean): ScheduleFacts {
  const steps = stepsInEpoch(config, trainSize);
  const seedUnits = config.measureSeed ? 2 : 0;
  const total = seedUnits + config.epochs * steps + 1;
  const failures = (store.db.prepare(`SELECT count(*) AS n FROM ${TIMELINE_TABLE} WHERE run_id = ? AND type = 'PhaseFailed'`).get(runId) as { n: number }).n;
  if (completed) return { done: total, total, where: 'finished', failures };
  const tested = store.db.prepare(`SELECT 1 FROM ${EVALUATIONS_TABLE} WHERE run_id = ? AND label = 'test' LIMIT 1`).get(runId) !== undefined;
  if (tested) return { done: total - 1, total, where: 'final test', failures };
  // The last event that sits in the schedule (epoch >= 0), own or inherited through the fork point.
  // Epochs from 1 on first: the seed's test score (epoch 0) lands inside epoch 1, before it closes.
  const last = store.db.prepare(`SELECT epoch, step, type FROM ${TIMELINE_TABLE} WHERE run_id = ? AND epoch >= 0 ORDER BY epoch > 0 DESC, position DESC LIMIT 1`).get(runId) as
    | { epoch: number; step: number; type: string } | undefined;
  const seedLabels = new Set((store.db.prepare(`SELECT DISTINCT label FROM ${EVALUATIONS_TABLE} WHERE run_id = ? AND label IN ('seed-val', 'seed-test')`).all(runId) as { label: string }[]).map((r) => r.label));
  // Validated at the seed here, test score still in the background: one seed unit to go.
  const seedOwed = seedUnits > 0 && seedLabels.has('seed-val') && !seedLabels.has('seed-test') ? 1 : 0;
  let done: number;
  let where: string;
  if (!last || last.epoch === 0) {
    done = Math.min(seedLabels.size, seedUnits);
    where = 'seed evaluation';
  } else if (last.step <= 0) {
    done = seedUnits - seedOwed + last.epoch * steps;
    where = `epoch ${last.epoch}/${config.epochs}`;
  } else {
    done = seedUnits - seedOwed + (last.epoch - 1) * steps + Math.min(last.step, steps);
    where = `epoch ${last.epoch}/${config.epochs} · step ${last.step}/${steps}`;
  }
  return { done: Math.min(done, total), total, where, failures };
}

/**
 * Calls that needed more than one attempt, counted incrementally per run (only events after the
 * last count are read), so polling progress stays cheap on a long run.
 */
export function createRetryCounter(store: EventStore): (runId: string) => number {
  const seen = new Map<string, { position: number; retries: number }>();
  const statement = store.db.prepare(`SELECT e.global_position AS position, (
      SELECT count(*) FROM json_each(e.data, '$.calls') AS c WHERE json_extract(c.value, '$.attempts') > 1
    ) AS retries FROM events AS e WHERE e.stream_id = ? AND e.global_position > ? ORDER BY e.global_position`);
  return (runId) => {
    const entry = seen.get(runId) ?? { position: 0, retries: 0 };
    for (const row of statement.all(runId, entry.position) as { position: number; retries: number }[]) {
      entry.position = row.position;
      entry.retries += row.retries;
    }
    if (seen.size > 256) seen.clear();
    seen.set(runId, entry);
    return entry.retries;
  };
}
