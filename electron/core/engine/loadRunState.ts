import { isRunEvent } from '../../../shared/events/run/isRunEvent';
import { foldRun } from '../../../shared/fold/foldRun';
import type { RunState } from '../../../shared/fold/runState';
import type { StoredEvent } from '../../../shared/events/envelope';
import type { ReadStreamOptions } from '../store/types';

/** The read the fold needs: a run's logical stream, optionally bounded. */
export type StreamReader = (streamId: string, options?: ReadStreamOptions) => StoredEvent[];

/**
 * Folds a run's logical stream (fork parents included) up to `toPosition` (inclusive; default the
 * end). Cross-run memory is resolved by folding the source run up to the recorded position, so a
 * state depends only on the log.
 */
export function loadRunState(read: StreamReader, runId: string, options: { toPosition?: number; trackAnswers?: boolean } = {}): RunState {
  const events = read(runId, options.toPosition !== undefined ? { toGlobalPosition: options.toPosition } : {});
  return foldRun(runId, events.filter(isRunEvent), {
    trackAnswers: options.trackAnswers ?? true,
    memorySource: (fromRunId, position) => loadRunState(read, fromRunId, { toPosition: position, trackAnswers: false }),
  });
}
