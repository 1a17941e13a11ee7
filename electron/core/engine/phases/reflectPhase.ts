import type { NewRunEvent } from '../../../../shared/events/run/runEventTypes';
import { clipToTokens, estimateMessagesTokens } from '../../../../shared/prompts/estimateTokens';
import { buildReflectionMessages, renderStepLine, type ReflectionInput } from '../../../../shared/prompts/reflectionMessages';
import { condenseUnits } from '../context/condenseUnits';
import { promptBudget } from '../context/promptBudget';
import type { PhaseContext } from '../phaseContext';
import { valTrend } from './valTrend';

/** A recent lesson longer than this is cut in the reflector's prompt (lessons are meant to be one line). */
const LESSON_TOKENS = 120;

/**
 * Step 6: the reflector summarises the epoch (or, with qCadence 'minibatch', the steps so far) into
 * R_e. Every step is shown when they fit the reflector's window; otherwise they are condensed
 * (summaries per chunk of steps, then summaries of summaries) and a ContextCondensed event
 * before the reflection records how.
 */
export async function reflectPhase(ctx: PhaseContext, epoch: number, step: number | null): Promise<NewRunEvent[]> {
  const s = ctx.state;
  const lastEpochEnd = s.metrics.at(-1)?.position ?? 0;
  const entries = [...s.notebook.values()];
  const recent = entries.filter((e) => e.updatedAt > lastEpochEnd).sort((a, b) => b.updatedAt - a.updatedAt || a.entryId - b.entryId);
  const input: ReflectionInput = {
    epoch, valTrend: valTrend(s), prompt: s.prompt, steps: s.epochSteps,
    notebook: {
      size: entries.length, unresolved: entries.filter((e) => !e.resolved).length,
      growth: entries.filter((e) => e.createdAt > lastEpochEnd).length, recentLessons: recent.slice(0, 8).map((e) => clipToTokens(e.lesson, LESSON_TOKENS)),
    },
  };
  const budget = promptBudget(s, ctx.config, 'reflector');
  const frame = estimateMessagesTokens(buildReflectionMessages(ctx.templates, { ...input, stepsText: '' }));
  const condensed = await condenseUnits(ctx, {
    role: 'reflector', part: 'epoch-steps', what: 'steps', epoch, step,
    units: s.epochSteps.map((note) => ({ from: note.step, to: note.step, text: renderStepLine(note) })),
    roomTokens: budget - frame, budgetTokens: budget,
    render: (units, isCondensed) => units.length === 0
      ? '(no steps)'
      : isCondensed
        ? `(${s.epochSteps.length} steps, condensed to fit the model's context window: digests of consecutive steps, in order)\n${units.map((u) => `- ${u.text}`).join('\n')}`
        : units.map((u) => u.text).join('\n'),
  });
  const reply = await ctx.chat('reflector', buildReflectionMessages(ctx.templates, { ...input, stepsText: condensed.text }));
  const events: NewRunEvent[] = [];
  if (condensed.event) events.push({ type: 'ContextCondensed', data: condensed.event });
  events.push({ type: 'ReflectionWritten', data: { epoch, step, text: reply.text, calls: [reply.call] } });
  return events;
}
