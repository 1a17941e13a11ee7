import type { RunEvent } from '../../../../shared/events/run/runEventTypes';
import { foldRun } from '../../../../shared/fold/foldRun';
import type { RunState } from '../../../../shared/fold/runState';
import type { ProjectionContext } from '../projection';

/**
 * A run's state at `position` folded from the projection context's bounded reads. Used when a
 * fork or a cross-run-memory run starts, to copy the source's state as of that point.
 */
export function foldFromContext(ctx: ProjectionContext, runId: string, position: number): RunState {
  const events = ctx.readStream(runId, { toGlobalPosition: position }) as unknown as RunEvent[];
  return foldRun(runId, events, { trackAnswers: false, memorySource: (from, at) => foldFromContext(ctx, from, at) });
}
