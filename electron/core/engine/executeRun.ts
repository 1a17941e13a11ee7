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
import { createPhaseContext } from './createPhaseContext';
import { decideNextPhase, describePhase, type Phase } from './decideNextPhase';
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
 */
export async function executeRun(deps: EngineDeps, runId: string, options: ExecuteRunOptions = {}): Promise<RunOutcome> {
  const read = deps.store.readStream.bind(deps.store);
  const state = loadRunState(read, runId);
  const config = state.config;
  if (!config) throw new Error(`run ${runId} does not exist`);
  let version = deps.store.streamVersion(runId);
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
      const ctx = createPhaseContext({
        deps, runId, state, config: state.config!, templates, items, scorer, signal: options.signal ?? new AbortController().signal,
      });
      const started = deps.clock().getTime();
      let events: NewRunEvent[];
      try {
        events = await runPhase(ctx, phase);
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
  }
}
