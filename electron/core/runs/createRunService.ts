import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { StoredEvent } from '../../../shared/events/envelope';
import type { RunPoint, RunStateView, RunSummary } from '../../../shared/api/runViews';
import type { Clock, EventStore } from '../store/types';
import type { RunService } from './runService';
import type { ControlDecision, RunEngine, RunProgress } from './runEngine';
import { rejectInlineApiKeys } from './configGuards';
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

  const service: LocalRunService = {
    async start(config) {
      rejectInlineApiKeys(config);
      const parsed = engine.parseConfig(config);
      const { runId } = await engine.createRun(parsed);
      launch(runId);
      return { runId };
    },

    async waitForRun(runId) {
      const local = active.get(runId);
      if (local) await local.done;
      else await waitForeign(runId);
      return requireSummary(runId);
    },

    async resume(runId) {
      const summary = requireSummary(runId);
      if (active.has(runId)) return { runId };
      const lease = leases.get(runId);
      if (lease && lease.owner !== owner && liveness(lease)) throw new RunBusyError(runId, lease);
      if (summary.status === 'completed' || summary.status === 'stopped') {
        throw new RunStateError(`run ${runId} is ${summary.status}; fork it to continue from one of its epochs`);
      }
      launch(runId);
      return { runId };
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
      const { runId: forkId } = await engine.createFork(runId, at, overrides);
      launch(forkId);
      return { runId: forkId };
    },

    list() {
      return engine.list().map(overlay);
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
