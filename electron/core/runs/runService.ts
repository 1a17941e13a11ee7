import type { StoredEvent } from '../../../shared/events/envelope';
import type { RunPoint, RunStateView, RunSummary } from '../../../shared/api/runViews';

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
  /** Continues a paused or interrupted run from where its log ends. */
  resume(runId: string): Promise<{ runId: string }>;
  /** Asks a run to pause, from any client or process; it pauses at the next safe point. */
  requestPause(runId: string): void;
  /** Asks a run to stop for good. */
  requestStop(runId: string): void;
  /** Starts a new run from the parent's state at `at`, with config overrides. */
  fork(runId: string, at: RunPoint, overrides: Record<string, unknown>): Promise<{ runId: string }>;
  list(): RunSummary[];
  summary(runId: string): RunSummary;
  stateAt(runId: string, at: RunPoint): RunStateView;
  /** A page of the run's logical events (fork parents included), for timelines. */
  events(runId: string, options?: { afterPosition?: number; limit?: number }): StoredEvent[];
  /** Pushed events of every run, after commit. Returns an unsubscribe function. */
  subscribe(listener: (events: readonly StoredEvent[]) => void): () => void;
}
