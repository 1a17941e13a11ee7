import type { RunConfig } from '../../../shared/config/runConfig';
import type { RoleBindings } from '../llm/config/llmConfigSchema';
import { OpenAiGateway } from '../llm/gateway/openAiGateway';
import type { EndpointProfile, LlmGateway } from '../llm/types';
import type { Db } from '../store/types';

/**
 * Supplies an API key for an endpoint whose `apiKeyEnv` variable is not set (or that names none):
 * the Electron main process backs it with safeStorage. Returns undefined when it has none.
 */
export type KeyResolver = (endpoint: { name: string; baseURL: string; apiKeyEnv?: string }) => string | undefined;

/**
 * The gateway for one run, from its resolved config. Keys are looked up here, at execution time,
 * and live only in the gateway's memory: the config (and so the log) only ever names a variable.
 */
export function createRunGateway(config: RunConfig, keyResolver: KeyResolver, db: Db, env: NodeJS.ProcessEnv = process.env): LlmGateway {
  const endpoints: EndpointProfile[] = config.endpoints.map((endpoint) => {
    const fromEnv = endpoint.apiKeyEnv ? env[endpoint.apiKeyEnv] : undefined;
    const apiKey = fromEnv ?? keyResolver(endpoint);
    return {
      name: endpoint.name,
      kind: endpoint.kind,
      baseURL: endpoint.baseURL,
      model: endpoint.model,
      maxConcurrency: endpoint.concurrency,
      timeoutMs: endpoint.timeoutMs,
      ...(endpoint.group ? { group: endpoint.group } : {}),
      ...(endpoint.apiKeyEnv ? { apiKeyEnv: endpoint.apiKeyEnv } : {}),
      ...(apiKey ? { apiKey } : {}),
    };
  });
  const roles = Object.fromEntries(
    Object.entries(config.roles).map(([role, binding]) => [role, { endpoint: binding.endpoint, sampling: binding.sampling, disableThinking: binding.disableThinking }]),
  ) as RoleBindings;
  return new OpenAiGateway({ endpoints, roles, db, cache: config.cache, env });
}
