import { apiArgSchemas, isApiMethod, type ApiHandlers, type ApiMethod } from '../../../shared/api/contract';
import { fail, ok, type ApiError, type ApiResult } from '../../../shared/api/result';
import { findValueProblem } from '../../../shared/json/boundedJson';
import { escapeForDisplay } from '../../../shared/text/escapeForDisplay';
import { formatIssue, toApiError } from './toApiError';

/** Untyped entry point every transport feeds: method name and raw (untrusted) arguments. */
export type ApiDispatcher = (method: string, rawArgs: unknown) => Promise<ApiResult<unknown>>;

/**
 * Wraps a handler map so that every call, over any transport, is:
 * 1. checked against the contract's method list (unknown-method otherwise),
 * 2. parsed against the method's zod schema (bad-request with the issues otherwise),
 * 3. run with exceptions turned into envelopes (never rethrown across the boundary).
 * Arguments nested deeper than MAX_JSON_DEPTH are refused before the schema walks them (a deep
 * value overflows the stack of any recursive walk), and failure messages, which may quote input
 * (names, paths, file excerpts), carry their control characters escaped (escapeForDisplay).
 * This is the single place where untrusted input meets the core.
 */
export function createApiDispatcher(handlers: ApiHandlers): ApiDispatcher {
  const dispatch: ApiDispatcher = async (method, rawArgs) => {
    if (!isApiMethod(method)) {
      return fail('unknown-method', `unknown method ${JSON.stringify(String(method)).slice(0, 80)}`);
    }
    const problem = findValueProblem(rawArgs);
    if (problem?.kind === 'too-deep') return fail('bad-request', `invalid arguments for ${method}: nested deeper than ${problem.limit} levels`);
    if (problem?.kind === 'proto-key') {
      return fail('bad-request', `invalid arguments for ${method}: the key "${problem.path}" is not allowed (a "__proto__" key would be dropped or change an object's prototype)`);
    }
    // Absent arguments mean "no arguments" (GET-like methods); anything else must match the schema.
    const parsed = apiArgSchemas[method].safeParse(rawArgs === undefined || rawArgs === null ? {} : rawArgs);
    if (!parsed.success) {
      const details = parsed.error.issues.map(formatIssue);
      return fail('bad-request', `invalid arguments for ${method}: ${details.join('; ')}`, details);
    }
    try {
      const handler = handlers[method] as (args: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      try {
        return { ok: false, error: toApiError(error) };
      } catch {
        // Mapping must never be the thing that escapes: fall back to the bare message.
        return fail('internal', error instanceof Error ? error.message : String(error));
      }
    }
  };
  return async (method, rawArgs) => {
    const result = await dispatch(method, rawArgs);
    return result.ok ? result : { ok: false, error: escapeError(result.error) };
  };
}

function escapeError(error: ApiError): ApiError {
  const message = escapeForDisplay(error.message, { keepNewlines: true });
  return error.details ? { ...error, message, details: error.details.map((d) => escapeForDisplay(d, { keepNewlines: true })) } : { ...error, message };
}

export type { ApiMethod };
