import type { RunProgress } from '../../../shared/api/runProgress';
import type { RunStatus } from '../../../shared/api/runViews';
import type { DatasetItem } from '../../../shared/datasets/datasetItem';
import { isRunEvent } from '../../../shared/events/run/isRunEvent';
import type { NewRunEvent } from '../../../shared/events/run/runEventTypes';
import { evolveRun } from '../../../shared/fold/evolveRun';
import type { RunState } from '../../../shared/fold/runState';
import { createScorer } from '../../../shared/scoring/scorerRegistry';
import { LlmError } from '../llm/types';
import { VersionConflict } from '../store/versionConflict';
import { usesNotebook } from '../../../shared/config/resolveRunConfig';
import { launchMeasurement, type BackgroundMeasurement, type MeasurementKind } from './backgroundMeasurement';
import { createPhaseContext, type SharedRequests } from './createPhaseContext';
import { decideNextPhase, describePhase, seedTestPending, type Phase } from './decideNextPhase';
import type { EvaluationArgs } from './phases/evaluatePhase';
import { seedTestArgs, testPromptOnlyArgs } from './measurementArgs';
import type { EngineDeps } from './engineDeps';
import { loadRunState } from './loadRunState';
import { findPromptsDir, loadTemplates } from './promptTemplates';
import { normalizeSharedCalls } from './normalizeSharedCalls';
import { runPhase } from './runPhase';
import { scheduleProgress } from './scheduleProgress';

export type RunControlDecision = 'continue' | 'pause' | 'stop';

export interface ExecuteRunOptions {
  /** Cancels in-flight calls; the phase in progress appends nothing and the run can be resumed. */
  signal?: AbortSignal;
  /** Polled at every safe point (between phases). */
  control?: () => RunControlDecision;
  /** Called after every batch of events the run appends. */
  onProgress?: (progress: RunProgress) => void;
}

export interface RunOutcome {
  runId: string;
  /** 'interrupted': aborted through the signal, nothing recorded; executeRun again continues. */
  status: 'completed' | 'paused' | 'stopped' | 'failed' | 'interrupted';
  reason?: string;
  /** Global position of the run's last event. */
  position: number;
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof LlmError && error.code === 'aborted') || (error instanceof Error && error.name === 'AbortError');
}

/**
 * Failures only the user can fix (a missing or refused key, a wrong model or URL, a request the
 * server rejects): attempting the phase again cannot help, so the run fails at once and says so.
 */
const NEEDS_THE_USER: ReadonlySet<string> = new Set(['auth', 'model-not-found', 'unreachable', 'bad-request']);

/** Dataset items by id, checked against the content hash the run recorded. */
async function loadItems(deps: EngineDeps, state: RunState): Promise<Map<string, DatasetItem>> {
  const dataset = await deps.datasets.load(state.config!.dataset);
  if (dataset.hash !== state.datasetHash) {
    throw new Error(`dataset ${dataset.name} changed since the run started (hash ${dataset.hash.slice(0, 12)} != ${state.datasetHash.slice(0, 12)})`);
  }
  return new Map([...dataset.train, ...(dataset.test ?? [])].map((item) => [item.id, item]));
}

/**
 * Runs (or continues) a run from the end of its log until it completes, pauses, stops or fails.
 * decide/evolve: fold the log into state, decide the next phase, execute its calls, append its
 * events in one batch at the expected stream version, evolve the state with them, repeat. After a
 * crash, calling this again continues exactly where the log ends; nothing logged is redone.
 *
 * Measurements (the seed's test score, a notebook method's prompt-only test) are not waited for:
 * they are launched in the background (their calls at priority 'measurement') and appended at
 * their landing point, which decideNextPhase fixes in the schedule, so the log's order is the same
 * however long they take. Whatever ends the execution drops any still in the background unlogged.
 */
export async function executeRun(deps: EngineDeps, runId: string, options: ExecuteRunOptions = {}): Promise<RunOutcome> {
  const read = deps.store.readStream.bind(deps.store);
  const state = loadRunState(read, runId);
  const config = state.config;
  if (!config) throw new Error(`run ${runId} does not exist`);
  let version = deps.store.streamVersion(runId);
  const measurements = new Map<MeasurementKind, BackgroundMeasurement>();
  const outcome = (status: RunOutcome['status'], reason?: string): RunOutcome => ({ runId, status, ...(reason ? { reason } : {}), position: state.position });

  const append = (events: NewRunEvent[], phase: Phase | null, durationMs?: number) => {
    const withMeta = events.map((e, i) => ({
      ...e,
      metadata: {
        ...(phase ? { phase: phase.kind, ...('epoch' in phase ? { epoch: phase.epoch } : {}), ...('step' in phase && phase.step !== null ? { step: phase.step } : {}) } : {}),
        ...(i === events.length - 1 && durationMs !== undefined ? { durationMs } : {}),
      },
    }));
    const result = deps.store.append(runId, withMeta, { expectedVersion: version });
    version = result.nextExpectedVersion;
    for (const stored of result.events) if (isRunEvent(stored)) evolveRun(state, stored);
    options.onProgress?.(scheduleProgress(state, phase ? describePhase(phase) : events[0]!.type));
  };

  try {
    if (state.status === 'completed' || state.status === 'stopped') return outcome(state.status, state.statusReason ?? undefined);
    if (state.status === 'paused' || state.status === 'failed') append([{ type: 'RunResumed', data: { reason: `resumed after ${state.status}` } }], null);

    const items = await loadItems(deps, state);
    const templates = loadTemplates(findPromptsDir(deps.promptsDir), state.templates);
    const scorer = createScorer(config.scorer);
    const contextOf = (extra: Pick<Parameters<typeof createPhaseContext>[0], 'priority' | 'publish' | 'borrow'> = {}) => createPhaseContext({
      deps, runId, state, config: state.config!, templates, items, scorer, signal: options.signal ?? new AbortController().signal, ...extra,
    });
    const launch = (kind: MeasurementKind, args: EvaluationArgs): BackgroundMeasurement => {
      const requests: SharedRequests = new Map();
      const measurement = launchMeasurement(kind, contextOf({ priority: 'measurement', publish: requests }), requests, args);
      measurements.set(kind, measurement);
      return measurement;
    };
    // A phase asking what a background measurement already asked shares its call.
    const borrow = (key: string) => {
      for (const measurement of measurements.values()) {
        const shared = measurement.requests.get(key);
        if (shared) return shared;
      }
      return undefined;
    };

    for (;;) {
      if (options.signal?.aborted) return outcome('interrupted', 'aborted');
      const decision = options.control?.() ?? 'continue';
      if (decision === 'pause') {
        append([{ type: 'RunPaused', data: { reason: 'paused on request' } }], null);
        return outcome('paused', 'paused on request');
      }
      if (decision === 'stop') {
        append([{ type: 'RunStopped', data: { kind: 'user', reason: 'stopped on request' } }], null);
        return outcome('stopped', 'stopped on request');
      }
      const budget = state.config!.budget;
      const over = budget.maxCalls !== null && state.billed.calls >= budget.maxCalls
        ? `call budget reached (${state.billed.calls} of ${budget.maxCalls} calls)`
        : budget.maxTokens !== null && state.billed.tokens >= budget.maxTokens
          ? `token budget reached (${state.billed.tokens} of ${budget.maxTokens} tokens)` : null;
      const phase = decideNextPhase(state);
      if (phase === null) return outcome((state.status as RunStatus) === 'completed' ? 'completed' : 'failed', state.statusReason ?? undefined);
      if (over) {
        append([{ type: 'RunStopped', data: { kind: 'budget', reason: over } }], null);
        return outcome('stopped', over);
      }
      const started = deps.clock().getTime();
      const landing = phase.kind === 'seed-test' || phase.kind === 'test-prompt-only' ? measurements.get(phase.kind) : undefined;
      if (landing) {
        measurements.delete(landing.kind);
        const landed = await landing.land();
        if ('events' in landed) {
          normalizeSharedCalls(landed.events);
          // Its duration is the time the run waited for it here: the rest overlapped other work.
          append(landed.events, phase, deps.clock().getTime() - started);
          continue;
        }
        if (isAbort(landed.error, options.signal) && options.signal?.aborted) return outcome('interrupted', 'aborted');
        // It failed in the background: run it here, as a phase, so a failure is logged and retried.
      }
      // The seed's test score is owed from seed-val on (again after a resume): measured beside the
      // steps. It is planned before the run moves on, so its lessons are the seed's; not before
      // model facts are recorded (its prompt budget depends on them).
      let background: BackgroundMeasurement | undefined;
      if (phase.kind !== 'seed-test' && phase.kind !== 'model-facts' && seedTestPending(state) && !measurements.has('seed-test')) {
        background = launch('seed-test', seedTestArgs(state, read));
        await background.planned;
      }
      const ctx = contextOf({ borrow });
      const seedTest = phase.kind === 'seed-test' ? seedTestArgs(state, read) : undefined;
      const onTestStarted = usesNotebook(state.config!.method)
        ? (keys: ReadonlySet<string>) => {
          // The prompt-only test goes beside the final test, leaving it the requests they share.
          if (!measurements.has('test-prompt-only')) launch('test-prompt-only', testPromptOnlyArgs(state, keys)).start();
        }
        : undefined;
      let events: NewRunEvent[];
      try {
        // The phase's first requests are queued before the measurement's: decisions go first.
        const running = runPhase(ctx, phase, { ...(seedTest ? { seedTest } : {}), ...(onTestStarted ? { onTestStarted } : {}) });
        background?.start();
        for (const measurement of measurements.values()) measurement.pace();
        events = await running;
      } catch (error) {
        if (isAbort(error, options.signal)) return outcome('interrupted', 'aborted');
        // The calls that finished are logged with the failure, and the time it took counts as work:
        // a failed (then paused, stopped or resumed) run's summary shows what it spent.
        await ctx.settle();
        const attempt = state.phaseFailures + 1;
        const code = error instanceof LlmError ? error.code : 'engine-error';
        const message = error instanceof Error ? error.message : String(error);
        append([{ type: 'PhaseFailed', data: {
          phase: describePhase(phase), epoch: 'epoch' in phase ? phase.epoch : state.cursor.epoch,
          step: 'step' in phase && phase.step !== null ? phase.step : state.cursor.step, attempt, code, message, calls: [...ctx.finished],
        } }], phase, deps.clock().getTime() - started);
        if (attempt >= state.config!.maxPhaseAttempts || NEEDS_THE_USER.has(code)) {
          const reason = NEEDS_THE_USER.has(code)
            ? `${describePhase(phase)} failed: ${message} Fix it, then resume the run.`
            : `${describePhase(phase)} failed ${attempt} times; last error: ${message}`;
          append([{ type: 'RunFailed', data: { reason, phase: describePhase(phase) } }], null);
          return outcome('failed', reason);
        }
        continue;
      }
      // A pause or abort that arrives while the phase ran: the phase's events are complete and are
      // kept (the calls are paid for); the next safe point handles the request.
      normalizeSharedCalls(events);
      append(events, phase, deps.clock().getTime() - started);
    }
  } catch (error) {
    if (error instanceof VersionConflict) return outcome('failed', `another writer appended to run ${runId}: ${error.message}`);
    throw error;
  } finally {
    // Paused, stopped, interrupted, failed: a measurement still in the background is dropped
    // unlogged (and launched again when the run continues); nothing of it runs on after this.
    await Promise.all([...measurements.values()].map((measurement) => measurement.abort()));
    measurements.clear();
  }
}
