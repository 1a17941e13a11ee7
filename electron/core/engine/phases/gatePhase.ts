import { usesNotebook } from '../../../../shared/config/resolveRunConfig';
import type { NewRunEvent } from '../../../../shared/events/run/runEventTypes';
import type { PhaseContext } from '../phaseContext';
import { evaluatePhase } from './evaluatePhase';

/**
 * TextGrad's validation gate: the candidate is scored on val (with retrieval for notebook
 * methods) and kept only if its accuracy is not lower than the accepted prompt's (ties keep the
 * candidate). A rejected candidate never becomes P, so "revert" = the last accepted prompt stays.
 * The baseline is the accepted prompt's last measured val accuracy, measured here when unknown.
 *
 * Like with like: a notebook method's baseline counts only if it was measured with the notebook
 * as it is now. When the notebook changed since (almost every step that had a failure), the
 * accepted prompt is scored again with today's notebook, so both prompts see the same lessons.
 * Items whose retrieval did not change reuse their logged answers, so this costs only the items
 * the new entries reach.
 */
export async function gatePhase(ctx: PhaseContext, epoch: number, step: number): Promise<NewRunEvent[]> {
  const candidate = ctx.state.candidate!;
  const withNotebook = usesNotebook(ctx.config.method);
  const events: NewRunEvent[] = [];
  let baseline = ctx.state.acceptedVal;
  const staleNotebook = withNotebook && ctx.state.acceptedValNotebook !== ctx.state.notebookRevision;
  if (baseline === null || staleNotebook) {
    const measured = await evaluatePhase(ctx, { label: 'gate-baseline', split: 'val', prompt: ctx.state.prompt, withNotebook, epoch, step });
    events.push(...measured.events);
    baseline = measured.accuracy;
  }
  const next = ctx.state.prompt.version + 1;
  const scored = await evaluatePhase(ctx, { label: 'gate-candidate', split: 'val', prompt: { version: next, text: candidate }, withNotebook, epoch, step });
  events.push(...scored.events);
  if (scored.accuracy >= baseline) {
    events.push({ type: 'PromptAccepted', data: { epoch, step, version: next, text: candidate, gated: true, candidateVal: scored.accuracy, previousVal: baseline } });
  } else {
    events.push({ type: 'PromptRejected', data: {
      epoch, step, candidate, candidateVal: scored.accuracy, acceptedVal: baseline, restoredVersion: ctx.state.prompt.version,
    } });
  }
  return events;
}
