import type { TimelinePhase } from '../../../shared/api/timelineViews';

/** One colour per phase, readable on the light and the dark theme alike. */
export const PHASE_COLORS: Record<TimelinePhase, string> = {
  control: '#94a3b8',
  forward: '#3b82f6',
  notebook: '#a855f7',
  critique: '#f97316',
  update: '#10b981',
  gate: '#eab308',
  reflect: '#ec4899',
  meta: '#ef4444',
  evaluate: '#64748b',
};

export const PHASE_LABELS: Record<TimelinePhase, string> = {
  control: 'control',
  forward: 'forward pass',
  notebook: 'notebook write',
  critique: 'critique',
  update: 'update',
  gate: 'validation gate',
  reflect: 'reflection',
  meta: 'meta-controller',
  evaluate: 'evaluation',
};
