import { existsSync, readFileSync } from 'node:fs';
import { defaultDbPath } from '../../core/composition/defaultDbPath';
import { createCore, type Core } from '../../core/composition/createCore';
import { apiDepsFromCore, createApiService } from '../../core/api';
import type { ApiArgs, ApiMethod, ApiResults } from '../../../shared/api/contract';
import { createApiClient } from '../../../shared/api/transport';
import { UsageError } from '../usageError';

/** Help text of the shared --db option. */
export const DB_OPTION_HELP = 'SQLite database file (default: $REMO_DB, else ~/.remo/remo.db)';

/**
 * Opens the core on `dbPath` (or the default), runs `action`, and always closes it. Errors the
 * user can fix by changing the command line become UsageError (one line, exit 2). Only commands
 * that write new runs may create the database; the others refuse a missing file rather than leave
 * an empty database behind a typo.
 */
export async function withCore<T>(
  dbPath: string | undefined,
  action: (core: Core) => Promise<T> | T,
  { mayCreate = false }: { mayCreate?: boolean } = {},
): Promise<T> {
  const path = dbPath ?? defaultDbPath();
  if (!mayCreate && !existsSync(path)) throw new UsageError(`no database at ${path} (runs are created by \`remo run\`, \`remo demo\` or \`remo import\`)`);
  const core = await createCore({ dbPath: path });
  try {
    return await action(core);
  } catch (error) {
    throw asUsageError(error);
  } finally {
    await core.close();
  }
}

/** Errors that mean "the command line or its input is wrong", by name so cli stays decoupled from their classes. */
const USAGE_ERROR_NAMES = new Set(['RunConfigError', 'InlineApiKeyError', 'RunNotFoundError', 'RunStateError', 'ExchangeFormatError', 'ImportConflictError']);

export function asUsageError(error: unknown): unknown {
  if (error instanceof Error && USAGE_ERROR_NAMES.has(error.name)) return new UsageError(error.message.replace(/\n/g, '; '));
  return error;
}

/** Reads and parses a JSON file, as a UsageError naming the file when it is missing or malformed. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${path}: no such file or not readable`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parses a positive integer flag value or throws a UsageError naming the flag. */
export function parseNonNegativeInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

/**
 * Calls one API method on `core` through the in-process transport, so the CLI prints exactly what
 * the UI is served. A `bad-request` or `not-found` envelope becomes a UsageError (exit 2).
 */
export async function callApi<M extends ApiMethod>(core: Core, method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
  const client = createApiClient(createApiService(apiDepsFromCore(core, { version: '0.0.0' })).inProcess());
  const result = await client.call(method, args);
  if (result.ok) return result.value;
  const message = result.error.message.replace(/\n/g, '; ');
  if (result.error.code === 'bad-request' || result.error.code === 'not-found' || result.error.code === 'conflict') throw new UsageError(message);
  throw new Error(message);
}
