import { DEFAULT_CONTEXT_SETTINGS, type ContextSettings, type EndpointConfig, type RunConfig } from '../../../../shared/config/runConfig';
import type { RunState } from '../../../../shared/fold/runState';
import type { Role } from '../../llm/types';

/** The run's context settings; runs recorded before they existed get the defaults. */
export function contextSettingsOf(config: RunConfig): ContextSettings {
  return { ...DEFAULT_CONTEXT_SETTINGS, ...config.context };
}

/** The window of one endpoint: as recorded for this run (ModelFactsRecorded), else its config, else the default. */
export function contextWindowOf(state: RunState, config: RunConfig, endpoint: EndpointConfig): number {
  const fact = state.modelFacts.endpoints.find((f) => f.name === endpoint.name && f.model === endpoint.model);
  return fact?.contextTokens ?? endpoint.contextTokens ?? contextSettingsOf(config).defaultWindowTokens;
}

/**
 * Prompt tokens (by the engine's estimate) a request of `role` may use: the smallest window among
 * the endpoints the role's calls may land on, minus room for the reply (the role's `maxTokens`,
 * else `context.replyTokens`). Pure: the same log gives the same budget on every replay.
 */
export function promptBudget(state: RunState, config: RunConfig, role: Exclude<Role, 'embedder'>): number {
  const binding = config.roles[role];
  const byName = config.endpoints.filter((e) => e.name === binding.endpoint);
  const members = byName.length > 0 ? byName : config.endpoints.filter((e) => e.group === binding.endpoint);
  const settings = contextSettingsOf(config);
  const window = members.length > 0 ? Math.min(...members.map((e) => contextWindowOf(state, config, e))) : settings.defaultWindowTokens;
  const reply = binding.sampling.maxTokens ?? settings.replyTokens;
  // Never below a sliver: a window smaller than the reply's room is a config error the server will name.
  return Math.max(256, window - reply);
}
