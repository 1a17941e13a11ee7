import type { NewRunEvent } from '../../../../shared/events/run/runEventTypes';
import type { PhaseContext } from '../phaseContext';
import { evaluatePhase } from './evaluatePhase';

/**
 * The seed's or an epoch's validation of the current system. For a notebook method P is also
 * scored without the notebook (`val-prompt-only`), so prompt quality and retrieval can be told
 * apart on val as on test. Requests identical to the first evaluation's (items that retrieved
 * nothing) reuse its answers instead of being sent twice.
 */
export async function validationPhase(
  ctx: PhaseContext, args: { label: 'seed-val' | 'epoch-val'; withNotebook: boolean; epoch: number; step: number },
): Promise<NewRunEvent[]> {
  const prompt = ctx.state.prompt;
  const system = await evaluatePhase(ctx, { label: args.label, split: 'val', prompt, withNotebook: args.withNotebook, epoch: args.epoch, step: args.step });
  if (!args.withNotebook) return system.events;
  const promptOnly = await evaluatePhase(ctx, {
    label: 'val-prompt-only', split: 'val', prompt, withNotebook: false, epoch: args.epoch, step: args.step, known: system.answers,
  });
  return [...system.events, ...promptOnly.events];
}
