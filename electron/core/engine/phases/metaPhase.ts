import type { NewRunEvent } from '../../../../shared/events/run/runEventTypes';
import { buildMetaControllerMessages } from '../../../../shared/prompts/reflectionMessages';
import { parseOptimizerInstructions } from '../../../../shared/prompts/replyParsers';
import { clipEvent } from '../context/clipEvent';
import { clipMiddle } from '../context/clipMiddle';
import { fitItems } from '../context/fitItems';
import { promptBudget } from '../context/promptBudget';
import type { PhaseContext } from '../phaseContext';
import { valTrend } from './valTrend';

/**
 * Step 7: the meta-controller rewrites Q from R_e and the trend. A Q that breaks the tag contract
 * (no <IMPROVED_VARIABLE> instruction), or comes without its tags, is rejected and recorded; Q stays.
 */
export async function metaPhase(ctx: PhaseContext, epoch: number, step: number | null): Promise<NewRunEvent[]> {
  const s = ctx.state;
  const budget = promptBudget(s, ctx.config, 'metaController');
  // The reflection is the part that can outgrow the window (a reflector without maxTokens).
  const fit = fitItems({
    items: [s.lastReflection ?? ''], budget, longest: (t) => t.length, clip: clipMiddle,
    build: ([reflection]) => buildMetaControllerMessages(ctx.templates, s.optimizerInstructions.text, reflection ?? '', valTrend(s)),
  });
  const condensed = clipEvent(fit, { epoch, step, role: 'metaController', part: 'reflection', budgetTokens: budget });
  const reply = await ctx.chat('metaController', fit.messages);
  const parsed = parseOptimizerInstructions(reply.text);
  if (!parsed.ok) {
    return [...condensed, { type: 'OptimizerInstructionsRejected', data: { epoch, step, proposed: reply.text, reason: parsed.reason, calls: [reply.call] } }];
  }
  return [...condensed, { type: 'OptimizerInstructionsUpdated', data: { epoch, step, version: s.optimizerInstructions.version + 1, text: parsed.text, calls: [reply.call] } }];
}
