import type { ConnectionReportView } from '../../../shared/api/contract';
import type { RunConfig } from '../../../shared/config/runConfig';
import { RunConfigError } from '../../../shared/config/runConfigError';
import { createRunGateway, type KeyResolver } from '../composition/createRunGateway';
import { rejectInlineApiKeys } from '../runs/configGuards';
import { endpointIssues } from '../runs/checkRunConfig';
import type { Db } from '../store/types';

/**
 * The new-run form's "Test connection": the endpoint is validated like a config's (same schema and
 * checks), then probed with the gateway's testConnection (reachability, latency, models, thinking
 * switch) plus the context length when the server lists it (the gateway's contextWindow). Only
 * the given URL is called.
 */
export async function testEndpoint(
  endpoint: Record<string, unknown>,
  deps: { parse: (json: unknown) => RunConfig; keyResolver: KeyResolver; db: Db; env?: NodeJS.ProcessEnv },
): Promise<ConnectionReportView> {
  rejectInlineApiKeys(endpoint, 'endpoint');
  let config: RunConfig;
  try {
    // A preset only to satisfy the schema: the probe reads the endpoint, not data.
    config = deps.parse({ method: 'remo', preset: 'paper-100', endpoints: [endpoint] });
  } catch (error) {
    if (error instanceof RunConfigError) throw Object.assign(new RunConfigError(error.issues.map((i) => ({ ...i, path: i.path.replace(/^endpoints\.0\.?/, '') }))), { code: 'bad-request' });
    throw error;
  }
  const env = deps.env ?? process.env;
  const issues = endpointIssues(config, { env, keyAvailable: (e) => deps.keyResolver(e) !== undefined });
  if (issues.length > 0) throw Object.assign(new RunConfigError(issues.map((i) => ({ ...i, path: i.path.replace(/^endpoints\.0\.?/, '') }))), { code: 'bad-request' });
  const resolved = config.endpoints[0]!;
  const gateway = createRunGateway(config, deps.keyResolver, deps.db, env);
  const report = await gateway.testConnection(resolved.name);
  if (!report.reachable || report.contextLength !== undefined) return report;
  // The same GET /models the gateway reads the window from before a run (vLLM's max_model_len).
  const contextLength = await gateway.contextWindow?.(resolved.name);
  return typeof contextLength === 'number' ? { ...report, contextLength } : report;
}
