import type { RunConfig } from '../../../shared/config/runConfig';
import type { DatasetItem } from '../../../shared/datasets/datasetItem';
import type { LoggedCall } from '../../../shared/events/run/runEventTypes';
import type { RunState } from '../../../shared/fold/runState';
import type { ChatMessageShape } from '../../../shared/prompts/chatMessage';
import type { PromptTemplates } from '../../../shared/prompts/renderTemplate';
import type { Scorer } from '../../../shared/scoring/types';
import type { Role } from '../llm/types';
import type { EngineDeps } from './engineDeps';

export interface ChatOutcome { text: string; thinking?: string; call: LoggedCall }

/** What a phase may use. Phases read `state` and return events; they never append. */
export interface PhaseContext {
  deps: EngineDeps;
  runId: string;
  state: RunState;
  config: RunConfig;
  templates: PromptTemplates;
  items: ReadonlyMap<string, DatasetItem>;
  scorer: Scorer;
  signal: AbortSignal;
  /** Records of the calls this phase finished, in completion order (for PhaseFailed accounting only). */
  finished: LoggedCall[];
  /**
   * After the phase failed: cancels its calls still queued or on the wire and waits until every one
   * has ended, so `finished` holds every call that completed and nothing of the phase runs on.
   */
  settle(): Promise<void>;
  chat(role: Exclude<Role, 'embedder'>, messages: ChatMessageShape[], options?: { sampleIndex?: number }): Promise<ChatOutcome>;
  embed(texts: string[]): Promise<{ vectors: Float32Array[]; call: LoggedCall }>;
}

/** The item behind an id; a missing one means the dataset changed under the run (its hash guards that). */
export function itemOf(ctx: PhaseContext, itemId: string): DatasetItem {
  const item = ctx.items.get(itemId);
  if (!item) throw new Error(`item ${itemId} is not in dataset ${ctx.state.datasetName}`);
  return item;
}
