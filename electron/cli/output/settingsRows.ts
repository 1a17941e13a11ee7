import type { RunStateView } from '../../../shared/api/runViews';
import { formatCount } from './format';

/** Retrieval and context-window rows, shared with the end-of-run summary. */
export function settingsRows(view: Pick<RunStateView, 'retrieval' | 'contextWindows'>): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const r = view.retrieval;
  if (r) {
    rows.push(['retrieval', `${r.label} · k ${r.k} · threshold ${r.threshold ?? 'not yet measured'}${r.thresholdCalibrated ? ' (calibrated on this embedder)' : ''} · shown as ${r.lessonFormat === 'record' ? 'question, wrong and correct answer, lesson' : 'lesson and question excerpt'}`]);
  }
  if (view.contextWindows && view.contextWindows.length > 0) {
    rows.push(['context window', view.contextWindows.map((w) => `${w.endpoint} ${formatCount(w.tokens)} tokens (${w.source === 'server' ? 'from the server' : w.source === 'config' ? 'from the config' : 'default, the server did not say'})`).join('; ')]);
  }
  return rows;
}
