import type { Method, RunStatus, RunSummary } from '../../../shared/api/runViews';
import { RUN_SUMMARIES_TABLE } from '../projections/run/runSummaryProjection';
import { RUN_USAGE_TABLE } from '../projections/run/usageProjection';
import type { Db } from '../store/types';

interface SummaryRow {
  run_id: string; name: string; method: string; status: string; status_reason: string | null; parent_run_id: string | null;
  parent_position: number | null; created_at: string; epochs_planned: number; epochs_done: number;
  seed_val: number | null; seed_test: number | null; val: number | null; test: number | null; test_prompt_only: number | null; val_prompt_only: number | null;
  calls: number; cached_calls: number; estimated_calls: number; prompt_tokens: number; completion_tokens: number; latency_ms: number; work_ms: number; simulated: number;
  model: string; archived: number;
}

function toSummary(r: SummaryRow): RunSummary {
  return {
    runId: r.run_id, name: r.name, method: r.method as Method, status: r.status as RunStatus,
    ...(r.status_reason ? { statusReason: r.status_reason } : {}),
    ...(r.parent_run_id ? { parentRunId: r.parent_run_id, parentPosition: r.parent_position ?? 0 } : {}),
    createdAt: r.created_at, epochsPlanned: r.epochs_planned, epochsDone: r.epochs_done,
    seedVal: r.seed_val, seedTest: r.seed_test, val: r.val, test: r.test, testPromptOnly: r.test_prompt_only, valPromptOnly: r.val_prompt_only,
    usage: { calls: r.calls, cachedCalls: r.cached_calls, estimatedCalls: r.estimated_calls, promptTokens: r.prompt_tokens, completionTokens: r.completion_tokens, latencyMs: r.latency_ms },
    wallSeconds: r.work_ms / 1000, simulated: r.simulated === 1, model: r.model, archived: r.archived === 1,
  };
}

/** A run's summary from the run-summaries projection. Throws when the run does not exist. */
export function runSummary(db: Db, runId: string): RunSummary {
  const row = db.prepare(`SELECT * FROM ${RUN_SUMMARIES_TABLE} WHERE run_id = ?`).get(runId) as SummaryRow | undefined;
  if (!row) throw new Error(`no run "${runId}"`);
  return toSummary(row);
}

/** Every run, oldest first. */
export function listRunSummaries(db: Db): RunSummary[] {
  return (db.prepare(`SELECT * FROM ${RUN_SUMMARIES_TABLE} ORDER BY created_at, rowid`).all() as SummaryRow[]).map(toSummary);
}

/** Usage per role of one run (its own calls; a fork's parent calls are the parent's). */
export function runUsageByRole(db: Db, runId: string): Record<string, RunSummary['usage']> {
  const rows = db.prepare(`SELECT * FROM ${RUN_USAGE_TABLE} WHERE run_id = ? ORDER BY role`).all(runId) as {
    role: string; calls: number; cached_calls: number; estimated_calls: number; prompt_tokens: number; completion_tokens: number; latency_ms: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.role, {
    calls: r.calls, cachedCalls: r.cached_calls, estimatedCalls: r.estimated_calls, promptTokens: r.prompt_tokens, completionTokens: r.completion_tokens, latencyMs: r.latency_ms,
  }]));
}
