import type { NewRunEvent } from '../../../../shared/events/run/runEventTypes';
import { buildReflectionMessages } from '../../../../shared/prompts/reflectionMessages';
import type { PhaseContext } from '../phaseContext';
import { valTrend } from './valTrend';

/** Step 6: the reflector summarises the epoch (or, with qCadence 'minibatch', the steps so far) into R_e. */
export async function reflectPhase(ctx: PhaseContext, epoch: number, step: number | null): Promise<NewRunEvent[]> {
  const s = ctx.state;
  const lastEpochEnd = s.metrics.at(-1)?.position ?? 0;
  const entries = [...s.notebook.values()];
  const recent = entries.filter((e) => e.updatedAt > lastEpochEnd).sort((a, b) => b.updatedAt - a.updatedAt || a.entryId - b.entryId);
  const reply = await ctx.chat('reflector', buildReflectionMessages(ctx.templates, {
    epoch, valTrend: valTrend(s), prompt: s.prompt, steps: s.epochSteps,
    notebook: {
      size: entries.length, unresolved: entries.filter((e) => !e.resolved).length,
      growth: entries.filter((e) => e.createdAt > lastEpochEnd).length, recentLessons: recent.slice(0, 8).map((e) => e.lesson),
    },
  }));
  return [{ type: 'ReflectionWritten', data: { epoch, step, text: reply.text, calls: [reply.call] } }];
}
