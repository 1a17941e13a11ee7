import type { ChatMessageShape } from './chatMessage';
import { renderTemplate, type PromptTemplates } from './renderTemplate';

export interface ReflectionInput {
  epoch: number;
  valTrend: (number | null)[];
  prompt: { version: number; text: string };
  steps: { step: number; failures: number; total: number; feedback: string | null; outcome: string }[];
  notebook: { size: number; unresolved: number; growth: number; recentLessons: string[] };
  /** The steps block already rendered (condensed to fit the context window); replaces `steps`. */
  stepsText?: string;
}

export function formatTrend(values: readonly (number | null)[]): string {
  return values.length === 0 ? '(none yet)' : values.map((v) => (v === null ? '?' : `${(v * 100).toFixed(1)}%`)).join(' -> ');
}

const FEEDBACK_EXCERPT = 400;

/** One step of the epoch as the reflector reads it. */
export function renderStepLine(s: ReflectionInput['steps'][number]): string {
  const fb = s.feedback ? s.feedback.slice(0, FEEDBACK_EXCERPT).replace(/\s+/g, ' ') : '(no feedback)';
  return `- step ${s.step}: ${s.failures}/${s.total} wrong; feedback: ${fb}; outcome: ${s.outcome}`;
}

/** The reflector's request (R_e): the epoch's steps, validation trend and notebook growth. */
export function buildReflectionMessages(templates: PromptTemplates, input: ReflectionInput): ChatMessageShape[] {
  const steps = input.stepsText ?? (input.steps.length === 0 ? '(no steps)' : input.steps.map(renderStepLine).join('\n'));
  return [
    { role: 'system', content: templates['reflector-system'] },
    { role: 'user', content: renderTemplate(templates['reflector-user'], {
      epoch: input.epoch, valTrend: formatTrend(input.valTrend), promptVersion: input.prompt.version, prompt: input.prompt.text, steps,
      notebookSize: input.notebook.size, notebookUnresolved: input.notebook.unresolved, notebookGrowth: input.notebook.growth,
      lessons: input.notebook.recentLessons.length ? input.notebook.recentLessons.map((l) => `- ${l}`).join('\n') : '(none)',
    }) },
  ];
}

/** The meta-controller's request: current Q, the reflection and the trend; reply in <OPTIMIZER_INSTRUCTIONS>. */
export function buildMetaControllerMessages(templates: PromptTemplates, instructions: string, reflection: string, valTrend: readonly (number | null)[]): ChatMessageShape[] {
  return [
    { role: 'system', content: templates['meta-controller-system'] },
    { role: 'user', content: renderTemplate(templates['meta-controller-user'], { instructions, reflection, valTrend: formatTrend(valTrend) }) },
  ];
}
