import type { NotebookEntryView, RunStateView } from '../api/runViews';
import { retrievalViewOf } from './retrievalView';
import type { RunState } from './runState';

/** The JSON view of a folded state, as the scrubber and the CLI show it. Entries in id order. */
export function toRunStateView(state: RunState): RunStateView {
  const notebook: NotebookEntryView[] = [...state.notebook.values()]
    .sort((a, b) => a.entryId - b.entryId)
    .map((e) => ({
      entryId: e.entryId, itemId: e.itemId, question: e.question, gold: e.gold, predicted: e.predicted,
      lesson: e.lesson, failCount: e.failCount, resolved: e.resolved, createdAt: e.createdAt, updatedAt: e.updatedAt,
    }));
  return {
    runId: state.runId,
    position: state.position,
    epoch: state.cursor.epoch,
    step: state.cursor.step,
    prompt: { ...state.prompt },
    optimizerInstructions: { ...state.optimizerInstructions },
    notebook,
    metrics: state.metrics.map((m) => ({ ...m })),
    usage: { ...state.usage },
    status: state.status,
    retrieval: retrievalViewOf(state),
    contextWindows: state.modelFacts.endpoints.map((e) => ({ endpoint: e.name, model: e.model, tokens: e.contextTokens, source: e.source })),
  };
}
