import type { NewRunEvent } from '../../../../shared/events/run/runEventTypes';
import { buildMetaControllerMessages } from '../../../../shared/prompts/reflectionMessages';
import { parseOptimizerInstructions } from '../../../../shared/prompts/replyParsers';
import type { PhaseContext } from '../phaseContext';
import { valTrend } from './valTrend';

/**
 * Step 7: the meta-controller rewrites Q from R_e and the trend. A Q that breaks the tag contract
 * (no <IMPROVED_VARIABLE> instruction), or comes without its tags, is rejected and recorded; Q stays.
 */
export async function metaPhase(ctx: PhaseContext, epoch: number, step: number | null): Promise<NewRunEvent[]> {
  const s = ctx.state;
  const reply = await ctx.chat('metaController', buildMetaControllerMessages(ctx.templates, s.optimizerInstructions.text, s.lastReflection ?? '', valTrend(s)));
  const parsed = parseOptimizerInstructions(reply.text);
  if (!parsed.ok) {
    return [{ type: 'OptimizerInstructionsRejected', data: { epoch, step, proposed: reply.text, reason: parsed.reason, calls: [reply.call] } }];
  }
  return [{ type: 'OptimizerInstructionsUpdated', data: { epoch, step, version: s.optimizerInstructions.version + 1, text: parsed.text, calls: [reply.call] } }];
}
