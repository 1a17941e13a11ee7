import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { StoredEvent } from '../../../shared/events/envelope';
import type { RunPoint, RunStateView, RunSummary } from '../../../shared/api/runViews';
import type { Clock, EventStore } from '../store/types';
import type { RunService } from './runService';
import type { ControlDecision, RunEngine } from './runEngine';
import { rejectInlineApiKeys } from './configGuards';
import type { RunConfig } from '../../../shared/config/runConfig';
import { RunConfigError } from '../../../shared/config/runConfigError';
import { CATALOG_STREAM_ID } from '../../../shared/events/catalog';
import type { RunProgress, RunProgressView } from '../../../shared/api/runProgress';
import { checkRunConfig, endpointIssues, limitIssues, unrunnableIssues, type ConfigCheckOptions } from './checkRunConfig';
import { expandOverrides } from './expandOverrides';
import { applyEndpointOverrides } from './endpointOverrides';
import { createRetryCounter, readScheduleFacts } from './readRunProgress';
import { runTrainSize } from './runFacts';
import { HEARTBEAT_INTERVAL_MS, defaultLeaseLiveness } from './leaseLiveness';
import { RunControlTable, type ControlRequest } from './runControlTable';
import { RunLeaseTable, type LeaseLiveness } from './runLeaseTable';
import { RunBusyError, RunNotFoundError, RunStateError } from './runServiceErrors';

export interface RunServiceDeps {
  store: EventStore;
  engine: RunEngine;
  clock: Clock;
  /** Decides whether another process's lease is still alive. Default: pid + heartbeat age. */
  liveness?: LeaseLiveness;
  heartbeatIntervalMs?: number;
  /** How often `waitForRun` polls a run executed by another process. */
  foreignPollMs?: number;
  /** The environment key variables are checked in (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** True when a key for the endpoint comes from elsewhere (the desktop app's keychain). */
  keyAvailable?: ConfigCheckOptions['keyAvailable'];
}

/** The RunService plus what in-process hosts (CLI, web host, Electron main) need on top. */
export interface LocalRunService extends RunService {
  /** Progress of runs executing in this process. Returns an unsubscribe function. */
  onProgress(listener: (progress: RunProgress) => void): () => void;
  /** Runs executing in this process right now. */
  activeRunIds(): string[];
  /** Asks every local run to pause and waits for them; leases are released. */
  shutdown(): Promise<void>;
}

interface ActiveRun {
  abort: AbortController;
  requested?: ControlRequest;
  done: Promise<void>;
}

/**
 * The application layer over the engine. One `execute` per run in this process, guarded by a
 * lease row so no two processes execute the same run; pause/stop requests arrive either in memory
 * (same process) or through `run_control` (another process, e.g. `remo pause`), and the engine
 * polls both at its safe points.
 *
 * Status overlay: the log cannot know that the process executing a run died, so a run whose
 * projected status is 'running' but that has no live executor is reported as 'interrupted'.
 */
export function createRunService(deps: RunServiceDeps): LocalRunService {
  const { store, engine, clock } = deps;
  const liveness = deps.liveness ?? defaultLeaseLiveness();
  const heartbeatMs = deps.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS;
  const foreignPollMs = deps.foreignPollMs ?? 250;
  const control = new RunControlTable(store.db);
  const leases = new RunLeaseTable(store.db);
  // One owner token per service instance: two services in one process (tests) are distinct owners.
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const active = new Map<string, ActiveRun>();
  const progressListeners = new Set<(progress: RunProgress) => void>();
  // The last progress of each run executing here: its label names the phase in progress.
  const lastProgress = new Map<string, RunProgress>();
  const countRetries = createRetryCounter(store);
  const checkOptions: ConfigCheckOptions = {
    parse: (json) => engine.parseConfig(json) as RunConfig,
    ...(deps.env ? { env: deps.env } : {}),
    ...(deps.keyAvailable ? { keyAvailable: deps.keyAvailable } : {}),
  };

  function isExecuting(runId: string): boolean {
    if (active.has(runId)) return true;
    const lease = leases.get(runId);
    return lease !== undefined && liveness(lease);
  }

  function overlay(summary: RunSummary): RunSummary {
    if (summary.status === 'running' && !isExecuting(summary.runId)) {
      return { ...summary, status: 'interrupted', statusReason: summary.statusReason ?? 'the process executing this run ended without pausing it' };
    }
    return summary;
  }

  function requireSummary(runId: string): RunSummary {
    const summary = engine.summary(runId);
    if (!summary) throw new RunNotFoundError(runId);
    return overlay(summary);
  }

  /** Takes the lease and starts the engine in the background; throws RunBusyError when another process holds it. */
  function launch(runId: string): void {
    if (active.has(runId)) return;
    const now = clockIso();
    const acquired = leases.acquire({ runId, owner, pid: process.pid, host: hostname(), acquiredAt: now, heartbeatAt: now }, liveness);
    if (!acquired.ok) throw new RunBusyError(runId, acquired.holder);
    // A request left from an earlier execution (pause sent after the run had already stopped)
    // must not pause the new one: resuming is the newer intention.
    control.clear(runId);

    const abort = new AbortController();
    const entry: ActiveRun = { abort, done: Promise.resolve() };
    const heartbeat = setInterval(() => {
      try {
        leases.heartbeat(runId, owner, clockIso());
      } catch {
        // A busy database skips one beat; the staleness window is several beats long.
      }
    }, heartbeatMs);
    heartbeat.unref();

    const poll = (): ControlDecision => entry.requested ?? control.pending(runId) ?? 'continue';
    const onProgress = (progress: RunProgress): void => {
      lastProgress.set(progress.runId, progress);
      for (const listener of progressListeners) listener(progress);
    };

    entry.done = engine
      .execute(runId, { signal: abort.signal, control: poll, onProgress })
      .catch((error: unknown) => {
        // The engine records failures as events; an exception here is a bug or an abort. Keep
        // the process alive: the run will show as 'interrupted' and can be resumed.
        process.emitWarning(`run ${runId} ended with an exception: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        clearInterval(heartbeat);
        lastProgress.delete(runId);
        control.clear(runId);
        leases.release(runId, owner);
        active.delete(runId);
      });
    active.set(runId, entry);
  }

  /** Lease timestamps are wall time: liveness is about processes, not the run's domain clock. */
  function clockIso(): string {
    return new Date().toISOString();
  }

  function request(runId: string, requested: ControlRequest): void {
    const local = active.get(runId);
    if (local) {
      if (local.requested !== 'stop') local.requested = requested;
      return;
    }
    requireSummary(runId);
    control.request(runId, requested, clock());
  }

  async function waitForeign(runId: string): Promise<void> {
    while (!active.has(runId)) {
      const lease = leases.get(runId);
      if (!lease || !liveness(lease)) return;
      await new Promise((resolve) => setTimeout(resolve, foreignPollMs));
    }
    await active.get(runId)?.done;
  }

  function progressOf(summary: RunSummary): RunProgressView {
    const { runId } = summary;
    const config = engine.currentConfig(runId);
    if (!config) throw new RunNotFoundError(runId);
    const trainSize = runTrainSize(store, runId) ?? 0;
    const facts = readScheduleFacts(store, runId, config, trainSize, summary.status === 'completed');
    const live = lastProgress.get(runId);
    const steps = Math.max(1, Math.round((facts.total - 1 - (config.measureSeed ? 2 : 0)) / Math.max(1, config.epochs)));
    // A fork with no step of its own yet stands where its parent was at the fork point.
    const inherited = (config.measureSeed ? 2 : 0) + summary.epochsDone * steps;
    const done = live ? live.done : Math.max(facts.done, summary.status === 'completed' ? facts.total : Math.min(inherited, facts.total));
    const total = live ? live.total : facts.total;
    const phase = live ? live.phase : `${facts.where}${summary.status === 'running' ? '' : ` · ${summary.status}`}`;
    const started = Date.parse(summary.createdAt);
    const elapsedSeconds = summary.wallSeconds > 0 ? summary.wallSeconds : Number.isFinite(started) && summary.status === 'running' ? Math.max(0, (Date.now() - started) / 1000) : 0;
    const running = summary.status === 'running';
    const etaSeconds = running && done > 0 && done < total && elapsedSeconds > 0 ? (elapsedSeconds / done) * (total - done) : null;
    return {
      runId, status: summary.status, done, total, phase, etaSeconds, elapsedSeconds,
      calls: summary.usage.calls, tokens: summary.usage.promptTokens + summary.usage.completionTokens,
      retries: countRetries(runId), failures: facts.failures, endpoints: engine.endpointLoad(runId),
    };
  }

  const service: LocalRunService = {
    async start(config) {
      rejectInlineApiKeys(config);
      const check = checkRunConfig(config, checkOptions);
      if (!check.ok) throw new RunConfigError(check.issues);
      const { runId } = await engine.createRun(check.resolved);
      launch(runId);
      return { runId };
    },

    async waitForRun(runId) {
      const local = active.get(runId);
      if (local) await local.done;
      else await waitForeign(runId);
      return requireSummary(runId);
    },

    async resume(runId, overrides) {
      const summary = requireSummary(runId);
      const reconfiguring = overrides !== undefined && Object.keys(overrides).length > 0;
      if (active.has(runId)) {
        if (reconfiguring) throw new RunStateError(`run ${runId} is executing; pause it (or let it fail) before changing its endpoints`);
        return { runId };
      }
      const lease = leases.get(runId);
      if (lease && lease.owner !== owner && liveness(lease)) throw new RunBusyError(runId, lease);
      if (summary.status === 'completed' || summary.status === 'stopped') {
        throw new RunStateError(`run ${runId} is ${summary.status}; fork it to continue from one of its epochs`);
      }
      if (reconfiguring) {
        rejectInlineApiKeys(overrides, 'overrides');
        const current = engine.currentConfig(runId);
        if (!current) throw new RunNotFoundError(runId);
        const { config: patched, applied } = applyEndpointOverrides(current as unknown as Record<string, unknown>, overrides);
        const parsed = engine.parseConfig(patched) as RunConfig;
        const issues = endpointIssues(parsed, checkOptions);
        if (issues.length > 0) throw new RunConfigError(issues);
        engine.reconfigure(runId, parsed, applied);
      } else {
        // Nothing changes how it reaches its models: refuse before RunResumed is written when it cannot.
        const current = engine.currentConfig(runId);
        const issues = current ? unrunnableIssues(current as RunConfig, checkOptions) : [];
        if (issues.length > 0) throw new RunConfigError(issues);
      }
      // A paused or failed run says so in its log until the engine appends RunResumed. Resolve only
      // once that is committed (or the execution already ended), so a caller that reads the run
      // next sees it running, not the state it was resumed from.
      const logged = summary.status === 'paused' || summary.status === 'failed';
      let resumed: Promise<void> | undefined;
      let stopListening = (): void => undefined;
      if (logged) {
        resumed = new Promise<void>((resolve) => {
          stopListening = store.subscribe((events) => {
            if (events.some((event) => event.streamId === runId)) resolve();
          });
        });
      }
      try {
        launch(runId);
        if (resumed) await Promise.race([resumed, active.get(runId)?.done ?? Promise.resolve()]);
      } finally {
        stopListening();
      }
      return { runId };
    },

    async validateConfig(config, options = {}) {
      const check = checkRunConfig(config, checkOptions);
      if (!check.ok || options.checkData === false) return check;
      try {
        await engine.checkCreate(check.resolved);
      } catch (error) {
        if (error instanceof RunConfigError) return { ok: false, issues: error.issues };
        throw error;
      }
      return check;
    },

    rename(runId, name) {
      requireSummary(runId);
      const trimmed = name.trim();
      if (!trimmed) throw new RunConfigError([{ path: 'name', message: 'a name must not be empty' }]);
      store.append(CATALOG_STREAM_ID, [{ type: 'RunRenamed', data: { runId, name: trimmed } }], { expectedVersion: 'any' });
      return { runId, name: trimmed };
    },

    archive(runId, archived) {
      requireSummary(runId);
      store.append(CATALOG_STREAM_ID, [{ type: 'RunArchived', data: { runId, archived } }], { expectedVersion: 'any' });
      return { runId, archived };
    },

    progress(runId) {
      return progressOf(requireSummary(runId));
    },

    requestPause(runId) {
      request(runId, 'pause');
    },

    requestStop(runId) {
      request(runId, 'stop');
    },

    async fork(runId, at, overrides) {
      requireSummary(runId);
      rejectInlineApiKeys(overrides, 'overrides');
      // What the fork changes is held to the limits a new run is (a fork dialog's endpoint or epochs).
      // Whatever it changes, every endpoint must be usable here (http(s), its key variable set): the
      // fork is refused before it is written, not failed after.
      const parent = engine.currentConfig(runId);
      const touched = Object.keys(overrides);
      if (parent) {
        const merged = { ...(parent as unknown as Record<string, unknown>), ...expandOverrides(parent as unknown as Record<string, unknown>, overrides) };
        const config = engine.parseConfig(merged) as RunConfig;
        const limited = touched.some((key) => ['epochs', 'batchSize', 'stepsPerEpoch', 'endpoints'].includes(key)) ? limitIssues(config, checkOptions, touched) : [];
        const issues = [...limited, ...unrunnableIssues(config, checkOptions).filter((issue) => !limited.some((other) => other.path === issue.path))];
        if (issues.length > 0) throw new RunConfigError(issues);
      }
      const { runId: forkId } = await engine.createFork(runId, at, overrides);
      launch(forkId);
      return { runId: forkId };
    },

    list(options = {}) {
      const all = engine.list().map(overlay);
      return options.includeArchived ? all : all.filter((summary) => !summary.archived);
    },

    summary(runId) {
      return requireSummary(runId);
    },

    stateAt(runId: string, at: RunPoint): RunStateView {
      requireSummary(runId);
      const view = engine.stateAt(runId, at);
      if (view.status === 'running' && at === 'end' && !isExecuting(runId)) return { ...view, status: 'interrupted' };
      return view;
    },

    events(runId, options = {}): StoredEvent[] {
      requireSummary(runId);
      const from = options.afterPosition === undefined ? undefined : options.afterPosition + 1;
      // Lazy: a page of a 50,000-event log reads one page, not the whole log.
      const events: StoredEvent[] = [];
      for (const event of store.iterateStream(runId, from === undefined ? {} : { fromGlobalPosition: from })) {
        if (options.limit !== undefined && events.length >= options.limit) break;
        events.push(event);
      }
      return events;
    },

    subscribe(listener) {
      return store.subscribe(listener);
    },

    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },

    activeRunIds() {
      return [...active.keys()];
    },

    async shutdown() {
      for (const runId of active.keys()) request(runId, 'pause');
      await Promise.all([...active.values()].map((entry) => entry.done));
    },
  };
  return service;
}
