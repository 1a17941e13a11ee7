import OpenAI from 'openai';
import type { EndpointProfile } from '../types';
import { LlmError } from '../types';

/** Reads the endpoint's key: the literal one, else the named environment variable. Never logged. */
export function resolveApiKey(endpoint: EndpointProfile, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (endpoint.apiKey) return endpoint.apiKey;
  if (!endpoint.apiKeyEnv) return undefined;
  const value = env[endpoint.apiKeyEnv];
  if (!value) {
    throw new LlmError('auth', `The API key for endpoint "${endpoint.name}" should be in the environment variable ${endpoint.apiKeyEnv}, which is not set.`, {
      endpoint: endpoint.name,
    });
  }
  return value;
}

/**
 * One SDK client per endpoint, reused for every call: the client (and the fetch under it) keeps
 * HTTP connections alive, which is most of the throughput on a fast local server.
 * `maxRetries: 0` because the gateway owns the single retry policy; `logLevel: 'off'` so the SDK
 * never prints request details; organization/project pinned to null so stray OPENAI_* variables
 * of the user's shell do not leak into requests to a local server.
 */
export function createEndpointClient(endpoint: EndpointProfile, fetchImpl: typeof fetch, env: Readonly<Record<string, string | undefined>>): OpenAI {
  return new OpenAI({
    baseURL: endpoint.baseURL,
    // Local servers usually need no key but the SDK wants one; "EMPTY" is vLLM's own convention.
    apiKey: resolveApiKey(endpoint, env) ?? 'EMPTY',
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: endpoint.timeoutMs,
    fetch: fetchImpl,
    logLevel: 'off',
  });
}
