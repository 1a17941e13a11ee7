import type { RunConfig } from '../../../shared/config/runConfig';
import type { DatasetItem } from '../../../shared/datasets/datasetItem';
import type { LoggedCall } from '../../../shared/events/run/runEventTypes';
import type { RunState } from '../../../shared/fold/runState';
import type { PromptTemplates } from '../../../shared/prompts/renderTemplate';
import type { Scorer } from '../../../shared/scoring/types';
import { LlmError, type RequestPriority } from '../llm/types';
import type { EngineDeps } from './engineDeps';
import type { ChatOutcome, PhaseContext } from './phaseContext';
import { SHARED_REQUEST } from './normalizeSharedCalls';

/** Requests in flight (or answered, not yet logged) by the run's background measurements, by in-phase key. */
export type SharedRequests = Map<string, Promise<ChatOutcome>>;

export function createPhaseContext(args: {
  deps: EngineDeps; runId: string; state: RunState; config: RunConfig; templates: PromptTemplates;
  items: ReadonlyMap<string, DatasetItem>; scorer: Scorer; signal: AbortSignal;
  /** Who waits for this phase's calls: 'measurement' for a measurement run in the background. Default 'decision'. */
  priority?: RequestPriority;
  /** A background measurement lists the requests it sends here (with the cache on), so a phase asking the same waits for them. */
  publish?: SharedRequests;
  /** A request some background measurement already sent, to share instead of sending it again (with the cache on). */
  borrow?: (key: string) => Promise<ChatOutcome> | undefined;
}): PhaseContext {
  const finished: LoggedCall[] = [];
  const { deps, config, signal, priority = 'decision' } = args;
  // Only a measurement says so: a decision call is what every gateway and fake already gets.
  const asked = priority === 'measurement' ? { priority } : {};
  // The phase's own cancel, on top of the run's: a failed phase stops its other calls (settle).
  const phaseAbort = new AbortController();
  const callSignal = AbortSignal.any([signal, phaseAbort.signal]);
  const pending = new Set<Promise<unknown>>();
  const track = <T>(call: Promise<T>): Promise<T> => {
    pending.add(call);
    const forget = () => void pending.delete(call);
    call.then(forget, forget);
    return call;
  };
  // Identical requests within one phase share one call. Without this, whether the second copy is
  // a cache hit would depend on completion order, and the log on the concurrency setting.
  const inPhase = new Map<string, Promise<ChatOutcome>>();
  const send = async (role: Parameters<PhaseContext['chat']>[0], messages: Parameters<PhaseContext['chat']>[1], sampleIndex: number): Promise<ChatOutcome> => {
    const result = await track(deps.llm.chat({ role, messages, signal: callSignal, noCache: !config.cache, ...(sampleIndex ? { sampleIndex } : {}), ...asked }));
    const call = { ...result.record } as LoggedCall;
    finished.push(call);
    return { text: result.text, ...(result.thinking ? { thinking: result.thinking } : {}), call };
  };
  return {
    ...args,
    finished,
    async settle() {
      phaseAbort.abort();
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async chat(role, messages, options = {}) {
      const sampleIndex = options.sampleIndex ?? 0;
      if (!config.cache) return send(role, messages, sampleIndex);
      const key = JSON.stringify([role, sampleIndex, messages]);
      let pending = inPhase.get(key);
      if (!pending) {
        // Shared with a background measurement: one call, logged once (solveResult), whoever sent it.
        pending = args.borrow?.(key) ?? send(role, messages, sampleIndex);
        inPhase.set(key, pending);
        if (args.publish) {
          const shared = pending;
          args.publish.set(key, shared);
          // A failed request is not shared: a phase asking it later sends it again.
          shared.catch(() => { if (args.publish!.get(key) === shared) args.publish!.delete(key); });
        }
      }
      const shared = await pending;
      // Each requester gets its own record, tagged with the request; normalizeSharedCalls later
      // makes the first one in event order the real call and the others cache hits.
      return { ...shared, call: Object.assign({ ...shared.call }, { [SHARED_REQUEST]: key }) };
    },
    async embed(texts) {
      const result = await track(deps.llm.embed(texts, { signal: callSignal, ...asked }));
      const call = { ...result.record } as LoggedCall;
      finished.push(call);
      // Vectors of another size than the run's notebook holds cannot be compared with it: the
      // embedding model changed under the run. Say so instead of retrieving nonsense.
      const expected = args.state.modelFacts.embedder?.dimensions;
      const wrong = expected === undefined ? undefined : result.vectors.find((v) => v.length !== expected);
      if (wrong) {
        throw new LlmError('bad-request', `The embedder returned ${wrong.length}-dimensional vectors, but this run's notebook holds ${expected}-dimensional ones (recorded when it started, model "${args.state.modelFacts.embedder!.model}"). Serve the same embedding model again, or start a new run.`);
      }
      return { vectors: result.vectors, call };
    },
  };
}
