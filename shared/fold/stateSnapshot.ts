import type { NotebookEntryState, RunState } from './runState';

/**
 * A folded state as JSON, for the snapshot read model behind fast time travel. View-only: the
 * answers index and the notebook's embedding vectors are left out (the scrubber shows neither;
 * the engine folds the full log when it runs). Deterministic: Maps keep insertion order.
 */
export function serializeViewState(state: RunState): string {
  const notebook = [...state.notebook.values()].map((e) => ({ ...e, embedding: null }));
  return JSON.stringify({ ...state, notebook, answers: [] });
}

/** The inverse of serializeViewState, for `runId` (a fork reuses its parent's snapshots). */
export function deserializeViewState(json: string, runId: string): RunState {
  const raw = JSON.parse(json) as Omit<RunState, 'notebook' | 'answers'> & { notebook: NotebookEntryState[] };
  // Snapshots written before model facts existed have none: start empty, like the fold does.
  return { ...raw, modelFacts: raw.modelFacts ?? { endpoints: [], embedder: null }, runId, notebook: new Map(raw.notebook.map((e) => [e.entryId, e])), answers: new Map() };
}
