import type { StoredEvent } from '../../../shared/events/envelope';
import { TIMELINE_PHASES, type TimelinePhase } from '../../../shared/api/timelineViews';

/** Engine phase kinds (metadata.phase) -> the timeline's phases. */
const PHASE_OF_ENGINE_PHASE: Record<string, TimelinePhase> = {
  'seed-val': 'evaluate', 'seed-test': 'evaluate', 'epoch-val': 'evaluate', test: 'evaluate', 'test-prompt-only': 'evaluate',
  forward: 'forward', notebook: 'notebook', critique: 'critique', update: 'update', gate: 'gate', reflect: 'reflect', meta: 'meta',
  'close-step': 'control', 'close-epoch': 'control', finish: 'control',
};

/** Phase from the event type alone: for logs written without phase metadata (imports, old versions). */
function phaseOfType(event: StoredEvent): TimelinePhase {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'SolverAnswered': return data.purpose === 'train' ? 'forward' : 'evaluate';
    case 'TrainBatchAnswered': return 'forward';
    case 'NotebookEntryWritten': case 'NotebookEntryResolved': case 'NotebookUpdated': return 'notebook';
    case 'CritiqueWritten': case 'CritiqueSkipped': return 'critique';
    case 'PromptCandidateProposed': case 'PromptUpdateFailed': return 'update';
    case 'PromptRejected': return 'gate';
    case 'PromptAccepted': return data.gated === true ? 'gate' : 'update';
    case 'EvaluationCompleted': return typeof data.label === 'string' && data.label.startsWith('gate') ? 'gate' : 'evaluate';
    case 'ReflectionWritten': return 'reflect';
    case 'OptimizerInstructionsUpdated': case 'OptimizerInstructionsRejected': return 'meta';
    case 'PhaseFailed': return typeof data.phase === 'string' ? (PHASE_OF_ENGINE_PHASE[data.phase.split(' ')[0] ?? ''] ?? 'control') : 'control';
    default: return 'control';
  }
}

const integerOr = (...values: unknown[]): number => {
  for (const value of values) if (typeof value === 'number' && Number.isInteger(value)) return value;
  return -1;
};

/** Where an event sits in the optimizer's schedule: its phase, epoch and step (-1 when none). */
export function classifyTimelineEvent(event: StoredEvent): { phase: number; epoch: number; step: number } {
  const metaPhase = typeof event.metadata.phase === 'string' ? PHASE_OF_ENGINE_PHASE[event.metadata.phase] : undefined;
  // Gate answers and evaluations run in the gate phase; their types alone would say "evaluate".
  const phase = metaPhase ?? phaseOfType(event);
  const data = event.data as Record<string, unknown>;
  return {
    phase: TIMELINE_PHASES.indexOf(phase),
    epoch: integerOr(event.metadata.epoch, data.epoch),
    step: integerOr(event.metadata.step, data.step),
  };
}
