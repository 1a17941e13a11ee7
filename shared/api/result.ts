/**
 * Results cross every transport (in-process, web, Electron IPC) as envelopes, never as thrown
 * errors: a thrown Error does not survive structured clone or JSON intact, and a client must be
 * able to show a readable message for every failure without guessing its shape.
 */

/** Stable, machine-readable failure kinds. `message` is written for the user. */
export const API_ERROR_CODES = [
  'bad-request', // arguments failed the contract schema, or the core rejected the input
  'unknown-method', // no such method in the contract
  'not-found', // the run (or other entity) does not exist
  'conflict', // a concurrent write won (event store version conflict) or the state forbids it
  'unauthorized', // web host: missing or wrong token
  'forbidden', // web host / IPC: foreign Host, Origin or sender frame
  'unavailable', // the feature is not configured in this process (e.g. no gateway)
  'internal', // a bug: the message says what failed
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** Optional structured detail, e.g. schema issues as `path: message` strings. */
  details?: string[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): ApiResult<T> {
  return { ok: true, value };
}

export function fail(code: ApiErrorCode, message: string, details?: string[]): { ok: false; error: ApiError } {
  return details && details.length > 0 ? { ok: false, error: { code, message, details } } : { ok: false, error: { code, message } };
}

/** True when `value` has the envelope shape; used by transports that receive untyped JSON. */
export function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'value' in v;
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error?.message === 'string';
}
