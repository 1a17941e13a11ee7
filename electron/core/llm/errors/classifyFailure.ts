import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { LlmError } from '../types';
import type { EndpointProfile } from '../types';
import { parseRetryAfterMs } from '../retry/retryPolicy';

/**
 * A 2xx reply that is not an OpenAI chat/embeddings reply. `transient` when it looks like a
 * glitch of a real API (broken JSON, empty choices) rather than a wrong URL (an HTML page).
 */
export class BadReplyError extends Error {
  constructor(message: string, readonly transient: boolean) {
    super(message);
    this.name = 'BadReplyError';
  }
}

export interface FailureVerdict {
  error: LlmError;
  retryable: boolean;
  /** The server's Retry-After, when it sent one. */
  retryAfterMs?: number;
}

/** Walks `cause` links for a Node system error code (ECONNREFUSED, ECONNRESET, …). */
function systemErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** What the server said, from an OpenAI-style error body, shortened for one line. */
function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  const text = typeof body?.message === 'string' ? body.message : error.message;
  return text.replace(/\s+/g, ' ').slice(0, 300);
}

/** For the built-in simulator, how to bring one back at the recorded URL (demo runs outlive theirs). */
function simulatorHint(endpoint: EndpointProfile): string {
  if (endpoint.kind !== 'simulator') return '';
  const port = URL.canParse(endpoint.baseURL) ? new URL(endpoint.baseURL).port : '';
  return ` It is the built-in simulator: start one there with \`npx remo sim${port ? ` --port ${port}` : ''}\`.`;
}

/**
 * Maps anything a call can throw to a user-actionable LlmError and decides whether it is worth
 * retrying. Retried: 429, 5xx, timeouts, connection resets, transient bad replies. Never retried:
 * 400, 401/403, 404, aborts, refused connections (nothing listening: waiting will not help).
 * Messages name the endpoint and never include the API key.
 */
export function classifyFailure(error: unknown, endpoint: EndpointProfile, now: Date, signal?: AbortSignal): FailureVerdict {
  const where = `endpoint "${endpoint.name}" (${endpoint.baseURL})`;
  const details = { endpoint: endpoint.name };
  if (error instanceof LlmError) return { error, retryable: false };
  if (error instanceof APIUserAbortError || signal?.aborted) {
    return { error: new LlmError('aborted', `The call to ${where} was cancelled.`, details), retryable: false };
  }
  if (error instanceof APIConnectionTimeoutError) {
    return { error: new LlmError('timeout', `${where} did not answer within ${endpoint.timeoutMs} ms.`, details), retryable: true };
  }
  if (error instanceof APIConnectionError) {
    const code = systemErrorCode(error);
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH') {
      return {
        error: new LlmError('unreachable', `Nothing is listening at ${endpoint.baseURL} (${code}): is the server for ${where} running, and is the URL right?${simulatorHint(endpoint)}`, details),
        retryable: false,
      };
    }
    return {
      error: new LlmError('unreachable', `The connection to ${where} failed${code ? ` (${code})` : ''}: ${error.message}`, details),
      retryable: true,
    };
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const withStatus = { ...details, status };
    if (status === 401 || status === 403) {
      return {
        error: new LlmError('auth', `The server refused the API key for ${where} (HTTP ${status}). Check the key${endpoint.apiKeyEnv ? ` in $${endpoint.apiKeyEnv}` : ''}.`, withStatus),
        retryable: false,
      };
    }
    if (status === 429) {
      const retryAfterMs = parseRetryAfterMs(error.headers?.get('retry-after'), now);
      return {
        error: new LlmError('rate-limited', `${where} is rate-limiting requests (HTTP 429): ${serverMessage(error)}`, withStatus),
        retryable: true,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
    }
    if (status >= 500) {
      const retryAfterMs = parseRetryAfterMs(error.headers?.get('retry-after'), now);
      return {
        error: new LlmError('server-error', `${where} failed with HTTP ${status}: ${serverMessage(error)}`, withStatus),
        retryable: true,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
    }
    if (status === 404) {
      // The gateway upgrades this to model-not-found after asking the server for its model list.
      return { error: new LlmError('bad-request', `${where} answered HTTP 404: ${serverMessage(error)}`, withStatus), retryable: false };
    }
    return { error: new LlmError('bad-request', `${where} rejected the request (HTTP ${status}): ${serverMessage(error)}`, withStatus), retryable: false };
  }
  if (error instanceof BadReplyError) {
    return { error: new LlmError('bad-reply', `${where} did not answer like an OpenAI-compatible API: ${error.message}`, details), retryable: error.transient };
  }
  if (error instanceof SyntaxError) {
    return { error: new LlmError('bad-reply', `${where} sent a reply that is not valid JSON (${error.message}).`, details), retryable: true };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { error: new LlmError('server-error', `The call to ${where} failed: ${message}`, details), retryable: false };
}
