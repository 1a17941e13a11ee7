import type { RunProgress } from '../../../shared/api/runProgress';
import type { RunPoint, RunStateView, RunSummary } from '../../../shared/api/runViews';
import type { RunConfig } from '../../../shared/config/runConfig';

/** Requests in flight on one endpoint of a run executing in this process. */
export interface EndpointLoad { name: string; inFlight: number; concurrency: number }

/** What the engine's safe-point poll may answer. */
export type ControlDecision = 'continue' | 'pause' | 'stop';

/**
 * The slice of the engine the RunService needs, already bound to the store, the datasets and a
 * gateway per run (see bindEngine.ts). An interface rather than direct imports so the service's
 * process-level logic (leases, control, waiting) is testable on its own and the engine's exact
 * signatures are confined to one adapter file.
 */
export interface RunEngine {
  /** Validates unknown JSON into a run config; throws an error naming the bad fields. */
  parseConfig(json: unknown): unknown;
  /**
   * Everything createRun checks (dataset, split, cross-run memory) without appending: resolves
   * when createRun would succeed, throws its RunConfigError otherwise.
   */
  checkCreate(config: unknown): Promise<void>;
  /** Appends RunStarted (and nothing else runs); returns the new id. */
  createRun(config: unknown): Promise<{ runId: string }>;
  /** Appends RunForked for a new run from the parent's state at `at`. */
  createFork(parentRunId: string, at: RunPoint, overrides: Record<string, unknown>): Promise<{ runId: string }>;
  /** The config the run executes with now (RunStarted/RunForked, or its last RunReconfigured). */
  currentConfig(runId: string): RunConfig | undefined;
  /** Appends RunReconfigured: `config` (already validated) from now on; `overrides` as recorded. */
  reconfigure(runId: string, config: RunConfig, overrides: Record<string, unknown>): void;
  /** Requests in flight per endpoint while the run executes in this process; empty otherwise. */
  endpointLoad(runId: string): EndpointLoad[];
  /** Runs or continues `runId` from its log's end until it completes, pauses, stops or fails. */
  execute(
    runId: string,
    options: { signal: AbortSignal; control: () => ControlDecision; onProgress: (progress: RunProgress) => void },
  ): Promise<void>;
  /** undefined when the run does not exist. */
  summary(runId: string): RunSummary | undefined;
  list(): RunSummary[];
  stateAt(runId: string, at: RunPoint): RunStateView;
}
