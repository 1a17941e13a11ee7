import type { RunConfig } from '../../../shared/config/runConfig';
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
  /**
   * A decision phase has just started (its first requests are queued): up to `measurementWidth`
   * calls may start now, and no more until the next phase starts (see Pacer).
   */
  pace(): void;
  /** Waits for the calls (at full width now: nothing else runs) and builds the events against the log as it is now. Never rejects. */
  land(): Promise<Landing>;
  /** Cancels the calls still queued or on the wire and waits until none runs. */
  abort(): Promise<void>;
}

/**
 * How many calls a measurement keeps in flight while the run goes on: half of the run's solver
 * capacity (the smaller of `parallelism` and the concurrency of the solver's endpoints), at least
 * one. The pool serves decisions first but never preempts a request on the wire, so a measurement
 * holding every slot would make each decision phase that starts meanwhile wait for calls to end (a
 * whole round when calls take about as long as each other). With half the slots left to them, a
 * step's small phases (its minibatch, critiques, optimizer call) start at once. At its landing
 * point, where the engine waits for it, it widens to the full `parallelism`.
 */
export function measurementWidth(config: RunConfig): number {
  const target = config.roles.solver.endpoint;
  const named = config.endpoints.filter((e) => e.name === target);
  const serving = named.length > 0 ? named : config.endpoints.filter((e) => e.group === target);
  const capacity = serving.reduce((sum, e) => sum + e.concurrency, 0) || config.parallelism;
  return Math.max(1, Math.floor(Math.min(config.parallelism, capacity) / 2));
}

/**
 * When a measurement's calls may start. While the run goes on: only as a decision phase starts
 * (`refill`), up to the width, behind that phase's own first requests. When calls take about as
 * long as each other, the measurement's then end with the phase's first wave instead of running
 * into the next phase. When the engine waits for it (`widen`): freely, up to `parallelism`. After
 * the first failure nothing more is sent.
 */
class Pacer {
  private active = 0;
  /** Calls that may still start before the next refill. */
  private allowance: number;
  private readonly queue: (() => void)[] = [];
  private failure: { error: unknown } | undefined;

  constructor(private limit: number) {
    this.allowance = limit;
  }

  readonly run = async (send: () => Promise<ChatOutcome>): Promise<ChatOutcome> => {
    while ((this.active >= this.limit || this.allowance <= 0) && !this.failure) await new Promise<void>((wake) => this.queue.push(wake));
    if (this.failure) throw this.failure.error;
    this.active += 1;
    this.allowance -= 1;
    try {
      return await send();
    } catch (error) {
      this.failure ??= { error };
      this.wakeAll();
      throw error;
    } finally {
      this.active -= 1;
      this.queue.shift()?.();
    }
  };

  refill(): void {
    this.allowance = Math.max(this.allowance, this.limit - this.active);
    this.wakeAll();
  }

  widen(limit: number): void {
    this.limit = Math.max(this.limit, limit);
    this.allowance = Number.POSITIVE_INFINITY;
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const wake of this.queue.splice(0)) wake();
  }
}

/**
 * Launches an evaluation as a background measurement. `ctx` must be a context of its own, created
 * with priority 'measurement' and `publish` = `requests` (see createPhaseContext).
 */
export function launchMeasurement(kind: MeasurementKind, ctx: PhaseContext, requests: SharedRequests, args: EvaluationArgs): BackgroundMeasurement {
  const planning = planEvaluation(ctx, args);
  const pacer = new Pacer(measurementWidth(ctx.config));
  let sending: Promise<{ planned: PlannedEvaluation; fresh: ReadonlyMap<string, ChatOutcome> }> | undefined;
  const start = () => {
    sending ??= planning.then(async (planned) => ({ planned, fresh: await sendSolve(ctx, planned.plan, pacer.run) }));
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
    pace() {
      pacer.refill();
    },
    async land() {
      pacer.widen(ctx.config.parallelism);
      try {
        const { planned, fresh } = await start();
        return { events: evaluationOutcome(ctx, planned, fresh).events };
      } catch (error) {
        // Whatever else it has on the wire ends here: the engine measures it again as a phase.
        await ctx.settle();
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
