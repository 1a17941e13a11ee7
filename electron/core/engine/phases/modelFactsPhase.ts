import { LEXICAL_EMBEDDER, usesNotebook } from '../../../../shared/config/resolveRunConfig';
import type { RunConfig } from '../../../../shared/config/runConfig';
import type { ModelFactsRecordedData, NewRunEvent } from '../../../../shared/events/run/runEventTypes';
import type { RunState } from '../../../../shared/fold/runState';
import { itemOf, type PhaseContext } from '../phaseContext';
import { pairwiseQuantile } from '../../../../shared/fold/retrievalThreshold';
import { cosineSimilarity } from '../../../../shared/fold/vectorCodec';
import { contextSettingsOf } from '../context/promptBudget';

/** Training questions embedded to learn the embedder's size and, when asked, to calibrate the threshold. */
export const CALIBRATION_SAMPLE = 64;
/** The calibrated threshold: this quantile of the sample's pairwise similarities (~1% of unrelated pairs pass). */
export const CALIBRATION_QUANTILE = 0.99;

/** The config's endpoints the log has no facts for (new run, or a fork that changed endpoints). */
function endpointsWithoutFacts(state: RunState, config: RunConfig) {
  return config.endpoints.filter((e) => !state.modelFacts.endpoints.some((f) => f.name === e.name && f.model === e.model));
}

/** Whether the run must record model facts before anything else (decideNextPhase asks). */
export function needsModelFacts(state: RunState, config: RunConfig): boolean {
  return endpointsWithoutFacts(state, config).length > 0 || (usesNotebook(config.method) && state.modelFacts.embedder === null);
}

/**
 * Finds out, once per run, each endpoint's context window (the config's `contextTokens`, else what
 * the server states, else the default) and, for notebook methods, the embedder's vector size (one
 * embedding of a fixed text). Recorded so every later prompt budget and notebook index depends on
 * the log alone, never on when it is replayed.
 */
export async function modelFactsPhase(ctx: PhaseContext): Promise<NewRunEvent[]> {
  const { state, config } = ctx;
  const settings = contextSettingsOf(config);
  const endpoints: ModelFactsRecordedData['endpoints'] = [];
  for (const e of endpointsWithoutFacts(state, config)) {
    const fromServer = e.contextTokens === undefined ? await ctx.deps.llm.contextWindow?.(e.name, ctx.signal) ?? null : null;
    endpoints.push({
      name: e.name, model: e.model,
      contextTokens: e.contextTokens ?? fromServer ?? settings.defaultWindowTokens,
      source: e.contextTokens !== undefined ? 'config' : fromServer !== null ? 'server' : 'default',
    });
  }
  let embedder: ModelFactsRecordedData['embedder'] = null;
  const calls = [];
  if (usesNotebook(config.method) && state.modelFacts.embedder === null) {
    // The first training questions of the run's split: fixed by the log, so the figure is reproducible.
    const sample = state.split.train.slice(0, CALIBRATION_SAMPLE).map((id) => itemOf(ctx, id).question);
    const probe = await ctx.embed(sample.length > 0 ? sample : ['How many apples are left?']);
    calls.push(probe.call);
    const endpoint = config.roles.embedder.endpoint;
    embedder = {
      endpoint, model: probe.call.model, dimensions: probe.vectors[0]!.length, lexical: endpoint === LEXICAL_EMBEDDER,
      ...(config.retrievalThreshold === 'calibrated'
        ? { calibratedThreshold: pairwiseQuantile(probe.vectors, cosineSimilarity, CALIBRATION_QUANTILE), calibrationSample: probe.vectors.length }
        : {}),
    };
  }
  return [{ type: 'ModelFactsRecorded', data: { endpoints, embedder, calls } }];
}
