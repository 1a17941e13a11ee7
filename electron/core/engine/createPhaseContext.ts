import type { RunConfig } from '../../../shared/config/runConfig';
import type { DatasetItem } from '../../../shared/datasets/datasetItem';
import type { LoggedCall } from '../../../shared/events/run/runEventTypes';
import type { RunState } from '../../../shared/fold/runState';
import type { PromptTemplates } from '../../../shared/prompts/renderTemplate';
import type { Scorer } from '../../../shared/scoring/types';
import { NOTEBOOK_EMBEDDING_DIMENSION } from '../store/migrations/0003_notebook_vec';
import type { EngineDeps } from './engineDeps';
import type { ChatOutcome, PhaseContext } from './phaseContext';
import { SHARED_REQUEST } from './normalizeSharedCalls';

/** Pads or cuts a server embedding to the notebook's fixed dimension (then L2-normalises). */
export function fitDimension(vector: Float32Array): Float32Array {
  if (vector.length === NOTEBOOK_EMBEDDING_DIMENSION) return vector;
  const out = new Float32Array(NOTEBOOK_EMBEDDING_DIMENSION);
  out.set(vector.subarray(0, NOTEBOOK_EMBEDDING_DIMENSION));
  let norm = 0;
  for (const v of out) norm += v * v;
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i]! /= Math.sqrt(norm);
  return out;
}

export function createPhaseContext(args: {
  deps: EngineDeps; runId: string; state: RunState; config: RunConfig; templates: PromptTemplates;
  items: ReadonlyMap<string, DatasetItem>; scorer: Scorer; signal: AbortSignal;
}): PhaseContext {
  const finished: LoggedCall[] = [];
  const { deps, config, signal } = args;
  // Identical requests within one phase share one call. Without this, whether the second copy is
  // a cache hit would depend on completion order, and the log on the concurrency setting.
  const inPhase = new Map<string, Promise<ChatOutcome>>();
  const send = async (role: Parameters<PhaseContext['chat']>[0], messages: Parameters<PhaseContext['chat']>[1], sampleIndex: number): Promise<ChatOutcome> => {
    const result = await deps.llm.chat({ role, messages, signal, noCache: !config.cache, ...(sampleIndex ? { sampleIndex } : {}) });
    const call = { ...result.record } as LoggedCall;
    finished.push(call);
    return { text: result.text, ...(result.thinking ? { thinking: result.thinking } : {}), call };
  };
  return {
    ...args,
    finished,
    async chat(role, messages, options = {}) {
      const sampleIndex = options.sampleIndex ?? 0;
      if (!config.cache) return send(role, messages, sampleIndex);
      const key = JSON.stringify([role, sampleIndex, messages]);
      let pending = inPhase.get(key);
      if (!pending) {
        pending = send(role, messages, sampleIndex);
        inPhase.set(key, pending);
      }
      const shared = await pending;
      // Each requester gets its own record, tagged with the request; normalizeSharedCalls later
      // makes the first one in event order the real call and the others cache hits.
      return { ...shared, call: Object.assign({ ...shared.call }, { [SHARED_REQUEST]: key }) };
    },
    async embed(texts) {
      const result = await deps.llm.embed(texts, { signal });
      const call = { ...result.record } as LoggedCall;
      finished.push(call);
      return { vectors: result.vectors.map(fitDimension), call };
    },
  };
}
