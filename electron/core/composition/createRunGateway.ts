import type { RunConfig } from '../../../shared/config/runConfig';
import { gatewayConfigFor } from '../engine';
import type { EndpointPool } from '../llm/concurrency/endpointPool';
import { OpenAiGateway } from '../llm/gateway/openAiGateway';
import type { LlmGateway } from '../llm/types';
import type { Db } from '../store/types';

/**
 * Supplies an API key for an endpoint whose `apiKeyEnv` variable is not set (or that names none):
 * the Electron main process backs it with safeStorage. Returns undefined when it has none.
 */
export type KeyResolver = (endpoint: { name: string; baseURL: string; apiKeyEnv?: string }) => string | undefined;

/**
 * The gateway for one run, from its resolved config. Keys are looked up here, at execution time,
 * and live only in the gateway's memory: the config (and so the log) only ever names a variable.
 * The response cache lives in the run's database (table llm_cache) unless the config turns it off.
 * `pool`: the process's shared concurrency slots per server (createCore); default the gateway's own.
 */
export function createRunGateway(
  config: RunConfig, keyResolver: KeyResolver, db: Db, env: NodeJS.ProcessEnv = process.env, pool?: EndpointPool,
): LlmGateway {
  const { endpoints, roles, embeddingDimensions } = gatewayConfigFor(config);
  const withKeys = endpoints.map((endpoint) => {
    if (endpoint.apiKeyEnv && env[endpoint.apiKeyEnv]) return endpoint;
    const apiKey = keyResolver(endpoint);
    return apiKey ? { ...endpoint, apiKey } : endpoint;
  });
  return new OpenAiGateway({ endpoints: withKeys, roles, db, cache: config.cache, env, embeddingDimensions, ...(pool ? { pool } : {}) });
}
