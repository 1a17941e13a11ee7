import { existsSync, readFileSync, statSync } from 'node:fs';
import { defaultDbPath } from '../../core/composition/defaultDbPath';
import { createCore, type Core } from '../../core/composition/createCore';
import { apiDepsFromCore, createApiService } from '../../core/api';
import type { ApiArgs, ApiMethod, ApiResults, ServerEventName, ServerEvents } from '../../../shared/api/contract';
import { createApiClient } from '../../../shared/api/transport';
import { JsonTooDeepError, parseJsonBounded } from '../../../shared/json/boundedJson';
import { CliError, UsageError } from '../usageError';

/** Help text of the shared --db option. */
export const DB_OPTION_HELP = 'SQLite database file (default: $REMO_DB, else ~/.remo/remo.db)';

/**
 * What a command sees of the core: the API contract (shared/api/contract.ts) over the in-process
 * transport, the same door the UI uses over IPC or the web host. A command never holds the core.
 */
export interface CliApi {
  /**
   * Calls one method and returns its value. A failure envelope is thrown: `bad-request`,
   * `not-found` and `conflict` (the command line or its input is wrong, or the run's state refuses
   * it; nothing was written) as a UsageError (one line, exit 2), anything else as a CliError with
   * exit 1; both keep the envelope's code for `--json` (main.ts prints them).
   */
  call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]>;
  /** Pushed server events (`runs.appended`, from this process and others on the same database). */
  on<E extends ServerEventName>(event: E, listener: (payload: ServerEvents[E]) => void): () => void;
}

function apiOf(core: Core): CliApi {
  const client = createApiClient(createApiService(apiDepsFromCore(core, { version: '0.0.0' })).inProcess());
  return {
    async call(method, args) {
      const result = await client.call(method, args);
      if (result.ok) return result.value;
      const message = result.error.message.replace(/\n/g, '; ');
      const code = result.error.code;
      if (code === 'bad-request' || code === 'not-found' || code === 'conflict') throw new UsageError(message, { code });
      throw new CliError(message, { exitCode: 1, code });
    },
    on: (event, listener) => client.on(event, listener),
  };
}

export interface WithApiOptions {
  /** Commands that write new runs or datasets may create the database; the others refuse a missing file. */
  mayCreate?: boolean;
  /** The one-line refusal for a missing database (default: names the commands that create one). */
  missing?: (path: string) => string;
}

/**
 * Opens the core on `dbPath` (or the default), hands `action` the in-process API, and always
 * closes the core (runs executing here pause at their next safe point). Only commands that write
 * new runs may create the database; the others refuse a missing or empty (0-byte) file rather than
 * leave a new database behind a typo, changing nothing. A directory is refused for every command.
 * All three are usage errors (exit 2).
 */
export async function withApi<T>(dbPath: string | undefined, action: (api: CliApi) => Promise<T> | T, options: WithApiOptions = {}): Promise<T> {
  const path = dbPath ?? defaultDbPath();
  const missing = (): UsageError =>
    new UsageError(options.missing ? options.missing(path) : `no database at ${path} (runs are created by \`remo run\`, \`remo demo\` or \`remo import\`)`);
  const stat = existsSync(path) ? statSync(path) : undefined;
  // SQLite would answer a directory with "disk I/O error".
  if (stat?.isDirectory()) throw new UsageError(`${path} is a directory, not a database file; pass a file path to --db`);
  if (!options.mayCreate) {
    if (!stat) throw missing();
    // The store initialises an empty file as a new database; a read-only command must not.
    if (stat.size === 0) throw new UsageError(`${path} is an empty file, not a REMO database; nothing was changed`);
  }
  const core = await createCore({ dbPath: path });
  try {
    return await action(apiOf(core));
  } finally {
    await core.close();
  }
}

/**
 * The same API answered by a core on an in-memory database: for checks that must leave no trace
 * on disk (a config before `remo run` opens or creates its database, `--dry-run`, a dataset file
 * before its database is created). It knows no runs and no imported datasets.
 */
export async function withScratchApi<T>(action: (api: CliApi) => Promise<T> | T): Promise<T> {
  const core = await createCore({ dbPath: ':memory:' });
  try {
    return await action(apiOf(core));
  } finally {
    await core.close();
  }
}

/** Reads and parses a JSON file (nesting bounded), as a UsageError naming the file when it is missing, malformed or too deep. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${path}: no such file or not readable`);
  }
  try {
    return parseJsonBounded(text);
  } catch (error) {
    if (error instanceof JsonTooDeepError) throw new UsageError(`${path} is refused: its JSON is ${error.message}`);
    throw new UsageError(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parses a positive integer flag value or throws a UsageError naming the flag. */
export function parseNonNegativeInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a non-negative integer, got "${value}"`);
  return Number(value);
}
