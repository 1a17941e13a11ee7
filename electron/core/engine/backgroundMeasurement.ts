import type { NewRunEvent } from '../../../shared/events/run/runEventTypes';
import type { SharedRequests } from './createPhaseContext';
import { evaluationOutcome, planEvaluation, type EvaluationArgs, type PlannedEvaluation } from './phases/evaluatePhase';
import type { ChatOutcome, PhaseContext } from './phaseContext';
import { sendSolve } from './solveItems';

/** The evaluations no decision waits for: their scores are reported, never acted on. */
export type MeasurementKind = 'seed-test' | 'test-prompt-only';

/** What a measurement gives at its landing point: its events, or why it has none. */
export type Landing = { events: NewRunEvent[] } | { error: unknown };

/**
 * An evaluation run off the critical path: planned (retrieval, requests) when it is launched, its
 * solver calls sent at priority 'measurement' while the engine goes on with the run, its events
 * built and appended only at its fixed landing point (decideNextPhase), so the log's order does
 * not depend on timing. Nothing of it is logged before it lands; an aborted one is forgotten and
 * launched again when the run continues.
 */
export interface BackgroundMeasurement {
  readonly kind: MeasurementKind;
  /** Settles once the requests are decided (retrieval done): the engine may change the state after that. */
  readonly planned: Promise<void>;
  /** Requests sent or answered and not yet logged, for a phase that asks the same (createPhaseContext's `borrow`). */
  readonly requests: ReadonlyMap<string, Promise<ChatOutcome>>;
  /** Starts the calls (once planned). Idempotent. */
  start(): void;
  /** Waits for the calls and builds the events against the log as it is now. Never rejects. */
  land(): Promise<Landing>;
  /** Cancels the calls still queued or on the wire and waits until none runs. */
  abort(): Promise<void>;
}

/**
 * Launches an evaluation as a background measurement. `ctx` must be a context of its own, created
 * with priority 'measurement' and `publish` = `requests` (see createPhaseContext).
 */
export function launchMeasurement(kind: MeasurementKind, ctx: PhaseContext, requests: SharedRequests, args: EvaluationArgs): BackgroundMeasurement {
  const planning = planEvaluation(ctx, args);
  let sending: Promise<{ planned: PlannedEvaluation; fresh: ReadonlyMap<string, ChatOutcome> }> | undefined;
  const start = () => {
    sending ??= planning.then(async (planned) => ({ planned, fresh: await sendSolve(ctx, planned.plan) }));
    // Failures are reported by `land`; an unobserved rejection must not end the process meanwhile.
    sending.catch(() => undefined);
    return sending;
  };
  return {
    kind,
    planned: planning.then(() => undefined, () => undefined),
    requests,
    start() {
      void start();
    },
    async land() {
      try {
        const { planned, fresh } = await start();
        return { events: evaluationOutcome(ctx, planned, fresh).events };
      } catch (error) {
        return { error };
      } finally {
        requests.clear();
      }
    },
    async abort() {
      await ctx.settle();
      requests.clear();
    },
  };
}
