import type { StoredEvent } from '../../../shared/events/envelope';
import type { RunPoint, RunStateView, RunSummary } from '../../../shared/api/runViews';
import type { ConfigCheck } from '../../../shared/api/contract';
import type { RunProgressView } from '../../../shared/api/runProgress';

/**
 * The application-level contract over runs: what the CLI, the web host and the Electron main
 * process call. Implemented in electron/core/runs on top of the engine (electron/core/engine),
 * the event store and the gateway. Long-running operations return once the run has been
 * recorded; progress arrives as events through `subscribe`.
 */
export interface RunService {
  /** Validates `config` (unknown JSON) and starts a run in the background; resolves with its id once RunStarted is committed. */
  start(config: unknown): Promise<{ runId: string }>;
  /** Resolves when the run stops running (completed, paused, stopped or failed). */
  waitForRun(runId: string): Promise<RunSummary>;
  /**
   * Continues a paused, interrupted or failed run from where its log ends. `overrides` (endpoint
   * keys only) are recorded first as RunReconfigured; refused while the run executes. Resolves
   * once the run reads as running again (its RunResumed committed), or once it already stopped.
   */
  resume(runId: string, overrides?: Record<string, unknown>): Promise<{ runId: string }>;
  /**
   * Checks a config as `start` would (dataset, split and memory included), writing nothing.
   * `checkData: false` stops after the config itself (schema, limits, key variables).
   */
  validateConfig(config: unknown, options?: { checkData?: boolean }): Promise<ConfigCheck>;
  /** Asks a run to pause, from any client or process; it pauses at the next safe point. */
  requestPause(runId: string): void;
  /** Asks a run to stop for good. */
  requestStop(runId: string): void;
  /** Starts a new run from the parent's state at `at`, with config overrides. */
  fork(runId: string, at: RunPoint, overrides: Record<string, unknown>): Promise<{ runId: string }>;
  /** Runs, oldest first; archived ones only with `includeArchived`. */
  list(options?: { includeArchived?: boolean }): RunSummary[];
  /** Renames a run (RunRenamed in the run catalog). */
  rename(runId: string, name: string): { runId: string; name: string };
  /** Archives a run or brings it back (RunArchived in the run catalog). */
  archive(runId: string, archived: boolean): { runId: string; archived: boolean };
  /** Where the run stands: units done, ETA, calls, retries, failures, requests in flight. */
  progress(runId: string): RunProgressView;
  summary(runId: string): RunSummary;
  stateAt(runId: string, at: RunPoint): RunStateView;
  /** A page of the run's logical events (fork parents included), for timelines. */
  events(runId: string, options?: { afterPosition?: number; limit?: number }): StoredEvent[];
  /** Pushed events of every run, after commit. Returns an unsubscribe function. */
  subscribe(listener: (events: readonly StoredEvent[]) => void): () => void;
}
