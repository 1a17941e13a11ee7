import { usesNotebook } from '../../../../shared/config/resolveRunConfig';
import type { NewRunEvent } from '../../../../shared/events/run/runEventTypes';
import type { PhaseContext } from '../phaseContext';
import { minibatchIds } from '../schedule';
import { solveItems } from '../solveItems';

/** Step 1: the minibatch's retrieval-augmented forward pass with the current P. */
export async function forwardPhase(ctx: PhaseContext, epoch: number, step: number): Promise<NewRunEvent[]> {
  const ids = minibatchIds(ctx.config, ctx.state.split.train, epoch, step);
  const result = await solveItems(ctx, ids, ctx.state.prompt.text, { withNotebook: usesNotebook(ctx.config.method), purpose: 'train' });
  return [
    ...result.events,
    { type: 'TrainBatchAnswered', data: { epoch, step, items: result.answers.map(({ response: _r, ...ref }) => ref), calls: result.calls } },
  ];
}
