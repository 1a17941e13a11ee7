import type { RunConfig } from '../../../shared/config/runConfig';
import { LEXICAL_EMBEDDER } from '../../../shared/config/resolveRunConfig';
import { LEGACY_THINKING_SWITCH } from '../../../shared/config/thinkingSwitches';
import type { EndpointProfile, Role, RoleBinding, RoleBindings } from '../llm/types';

/**
 * The gateway configuration a run needs: its endpoints (keys by env-var name only) and role
 * bindings. The composition root builds the run's LlmGateway from this.
 */
export function gatewayConfigFor(config: RunConfig): { endpoints: EndpointProfile[]; roles: RoleBindings; embeddingDimensions: number | null } {
  const endpoints = config.endpoints.map((e): EndpointProfile => ({
    name: e.name, kind: e.kind, baseURL: e.baseURL, model: e.model, maxConcurrency: e.concurrency, timeoutMs: e.timeoutMs,
    ...(e.apiKeyEnv ? { apiKeyEnv: e.apiKeyEnv } : {}), ...(e.group ? { group: e.group } : {}),
    // A recorded config without a switch is an older run: resuming it sends what it sent then.
    thinkingSwitch: e.thinkingSwitch ?? LEGACY_THINKING_SWITCH[e.kind],
  }));
  const bind = (role: Role): RoleBinding => {
    const r = config.roles[role];
    return { endpoint: r.endpoint, sampling: { ...r.sampling }, disableThinking: r.disableThinking };
  };
  const roles = {
    solver: bind('solver'), critic: bind('critic'), optimizer: bind('optimizer'), lessonWriter: bind('lessonWriter'),
    reflector: bind('reflector'), metaController: bind('metaController'),
    ...(config.roles.embedder.endpoint !== LEXICAL_EMBEDDER ? { embedder: bind('embedder') } : {}),
  } as RoleBindings;
  // Runs recorded before the field existed asked server embedders for 384 dimensions.
  return { endpoints, roles, embeddingDimensions: config.embeddingDimensions === undefined ? 384 : config.embeddingDimensions };
}
