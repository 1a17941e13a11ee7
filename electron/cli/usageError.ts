/**
 * A command that ends with a known outcome: `exitCode` (1 the operation failed, 2 bad usage or
 * bad input), a stable `code` for `--json` (`{"ok":false,"error":{"code","message"}}`), a
 * one-line `message`, and optional `details` lines printed under it on stderr (e.g. every bad row
 * of a dataset) and `extra` fields added to the JSON error object. main.ts prints it and sets the exit code.
 */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: 1 | 2;
  readonly code: string;
  readonly details: readonly string[];
  readonly extra: Record<string, unknown>;
  constructor(message: string, options: { exitCode: 1 | 2; code: string; details?: readonly string[]; extra?: Record<string, unknown> }) {
    super(message);
    this.exitCode = options.exitCode;
    this.code = options.code;
    this.details = options.details ?? [];
    this.extra = options.extra ?? {};
  }
}

/** A mistake in how the command was called or in its input (bad flag value, missing file, bad data): exit 2. */
export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: string, options: { code?: string; details?: readonly string[]; extra?: Record<string, unknown> } = {}) {
    super(message, { exitCode: 2, code: options.code ?? 'bad-request', ...(options.details ? { details: options.details } : {}), ...(options.extra ? { extra: options.extra } : {}) });
  }
}
