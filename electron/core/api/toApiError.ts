import { API_ERROR_CODES, type ApiError, type ApiErrorCode } from '../../../shared/api/result';

/**
 * Maps anything a core call threw to a readable envelope error. Transports never let an
 * exception cross the boundary: the renderer must always get `{code, message}` it can show.
 * Recognised shapes (by duck typing, so api/ depends on no other core module's classes):
 * - zod errors (`issues`): the core rejected an input, e.g. a run config -> bad-request;
 * - the store's VersionConflict -> conflict;
 * - errors carrying a `code` that is one of ours (e.g. 'not-found') -> that code;
 * - LlmError (gateway) -> unavailable, keeping its message (it is written for the user);
 * - SQLite's SQLITE_CORRUPT / SQLITE_NOTADB -> internal, saying the database file is damaged.
 */
/** Core error classes (by name) that mean "the caller's input is wrong". */
const BAD_REQUEST_NAMES = new Set(['RunConfigError', 'ExperimentConfigError', 'InlineApiKeyError', 'ExchangeFormatError', 'UsageError', 'ValidationError']);

export function toApiError(error: unknown): ApiError {
  if (typeof error !== 'object' || error === null) return { code: 'internal', message: String(error) };
  const e = error as { name?: unknown; message?: unknown; code?: unknown; issues?: unknown };
  const message = typeof e.message === 'string' && e.message.length > 0 ? e.message : String(error);
  if (Array.isArray(e.issues)) {
    const details = (e.issues as unknown[]).map((issue) => formatIssue(typeof issue === 'object' && issue !== null ? issue : { message: String(issue) }));
    // Core errors with issues (RunConfigError) already wrote a user-facing message: keep it.
    const ownMessage = e.name !== 'ZodError' && typeof e.message === 'string' && e.message.length > 0;
    return { code: 'bad-request', message: ownMessage ? message : `invalid input: ${details.join('; ')}`, details };
  }
  if (e.name === 'VersionConflict' || e.name === 'VersionConflictError') return { code: 'conflict', message };
  if (typeof e.code === 'string' && (API_ERROR_CODES as readonly string[]).includes(e.code)) {
    return { code: e.code as ApiErrorCode, message };
  }
  if (e.name === 'NotFoundError' || e.code === 'ENOENT_RUN' || /\bnot found\b|\bunknown run\b|\bno such run\b/i.test(message)) {
    return { code: 'not-found', message };
  }
  if (e.name === 'LlmError') return { code: 'unavailable', message };
  // SQLite's own words for a damaged file mean little to a user: say what it is.
  if (e.code === 'SQLITE_CORRUPT' || e.code === 'SQLITE_NOTADB') return { code: 'internal', message: `the database file is damaged (SQLite: ${message})` };
  if (typeof e.name === 'string' && BAD_REQUEST_NAMES.has(e.name)) return { code: 'bad-request', message };
  if (e.name === 'ImportConflictError') return { code: 'conflict', message };
  return { code: 'internal', message };
}

/** One schema issue as `path: message`, the form shown to users and kept in `details`. */
export function formatIssue(issue: { path?: unknown; message?: unknown }): string {
  // zod gives the path as an array; the core's RunConfigError as a dotted string.
  const raw = Array.isArray(issue.path) ? issue.path.map(String).join('.') : typeof issue.path === 'string' ? issue.path : '';
  return `${raw.length > 0 ? raw : '(arguments)'}: ${typeof issue.message === 'string' ? issue.message : 'invalid'}`;
}
