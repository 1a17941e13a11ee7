import type { RunLease } from './runLeaseTable';

/** The run is executed right now by another live process: refusing avoids two writers on one run. */
export class RunBusyError extends Error {
  override name = 'RunBusyError';
  /** Matches the API envelope's error codes (shared/api/result.ts). */
  readonly code = 'conflict';
  constructor(
    readonly runId: string,
    readonly holder: RunLease,
  ) {
    super(
      `run ${runId} is being executed by process ${holder.pid} on ${holder.host} (last heartbeat ${holder.heartbeatAt}); pause it with \`remo pause ${runId}\` or wait for it to finish`,
    );
  }
}

/** The run cannot be continued in its current state (completed, stopped, unknown...). */
export class RunStateError extends Error {
  override name = 'RunStateError';
  readonly code = 'conflict';
}

/** No run with that id in this database. */
export class RunNotFoundError extends Error {
  override name = 'RunNotFoundError';
  readonly code = 'not-found';
  constructor(readonly runId: string) {
    super(`no run "${runId}" in this database`);
  }
}
