/**
 * A run's progress, in one vocabulary from the engine to the screen: the engine reports
 * `RunProgress` after every phase it appends; the run service adds timing, usage and load to make
 * the `RunProgressView` that `runs.progress` answers (also for runs not executing here).
 */
import type { RunStatus } from './runViews';

/** Where an executing run stands in its schedule, as reported after each phase. */
export interface RunProgress {
  runId: string;
  status: RunStatus;
  /** Schedule units (seed evaluation, each optimizer step, the final test) done and planned. */
  done: number;
  total: number;
  /** Where the run is, in words: "epoch 2/3 · step 4/10 · critique e2 s4 · 57 calls". */
  phase: string;
}

/** A running (or just stopped) run's progress, for the progress bar and the ETA. */
export interface RunProgressView extends RunProgress {
  /** Seconds still to go at the pace so far; null before a unit is done or once finished. */
  etaSeconds: number | null;
  elapsedSeconds: number;
  calls: number;
  tokens: number;
  /** Model calls that needed more than one attempt, and phases that failed and were retried. */
  retries: number;
  failures: number;
  /** Requests in flight per endpoint, when the run executes in this process. */
  endpoints: { name: string; inFlight: number; concurrency: number }[];
}
