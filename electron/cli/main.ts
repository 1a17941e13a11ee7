/**
 * The `remo` command line. Each subcommand lives in electron/cli/commands/<name>.ts and registers
 * itself on the program; this file wires them and turns every failure into its exit code (runCli).
 */
import { Command, CommanderError } from 'commander';
import { commands } from './commands/index';
import { escapeForDisplay } from '../../shared/text/escapeForDisplay';
import { printJsonLine } from './output/jsonLine';
import { CliError } from './usageError';

/** Registers a command defined outside the CLI layer (the launcher passes `remo web` from electron/host). */
export type CommandRegistration = (program: Command) => void;

export function buildProgram(extraCommands: readonly CommandRegistration[] = []): Command {
  const program = new Command('remo')
    .description('REMO Studio: prompt optimization with memory (REMO and TextGrad), event-sourced on SQLite.')
    .showHelpAfterError(false)
    .configureOutput({ outputError: (text, write) => write(escapeForDisplay(text.split('\n')[0]!) + '\n') });
  for (const register of [...commands, ...extraCommands]) register(program);
  // Every subcommand rejects unknown flags with a one-line error and exit 2.
  for (const cmd of program.commands) cmd.exitOverride().configureOutput(program.configureOutput());
  program.exitOverride();
  return program;
}

/** SQLite's words for a damaged file, said so a user knows what happened and what to do. */
function describeFailure(error: unknown): { code: string; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return {
      code: 'damaged-database',
      message: `the database file is damaged (SQLite: ${message}); nothing was written. Restore it from a backup, or import runs saved with \`remo export\` into a new database.`,
    };
  }
  return { code: 'failed', message };
}

/** Whether the command line asked for JSON output (every command that has --json spells it so). */
function wantsJson(argv: readonly string[]): boolean {
  const args = argv.slice(2);
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--json');
}

/**
 * Parses `argv` and runs the command. The one place exit codes are decided (README, "The CLI"):
 * 0 done; 1 the operation failed; 2 bad usage or bad input (a CommanderError, a UsageError, an
 * API `bad-request` / `not-found` / `conflict`); 3 is set by run-following commands (foregroundRun)
 * when a run paused or stopped before its end. Failures print one line `remo: <message>` on stderr
 * (input quoted in it shown escaped, never raw), then any detail lines; with `--json` the last
 * stdout line is `{"ok":false,"error":{"code","message"}}`.
 */
export async function runCli(argv: string[], extraCommands: readonly CommandRegistration[] = []): Promise<void> {
  const program = buildProgram(extraCommands);
  const json = wantsJson(argv);
  let failure: { exitCode: 1 | 2; code: string; message: string; details: readonly string[]; extra: Record<string, unknown>; printed?: boolean };
  try {
    await program.parseAsync(argv);
    return;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; parse errors were already printed in one line.
      if (error.exitCode === 0) {
        process.exitCode = 0;
        return;
      }
      failure = { exitCode: 2, code: 'usage', message: error.message.replace(/^error: /, ''), details: [], extra: {}, printed: true };
    } else if (error instanceof CliError) {
      failure = { exitCode: error.exitCode, code: error.code, message: error.message, details: error.details, extra: error.extra };
    } else {
      failure = { exitCode: 1, ...describeFailure(error), details: [], extra: {} };
    }
  }
  const message = escapeForDisplay(failure.message);
  if (!failure.printed) {
    process.stderr.write(`remo: ${message}\n`);
    for (const line of failure.details) process.stderr.write(`${escapeForDisplay(line)}\n`);
  }
  if (json) printJsonLine({ ok: false, error: { code: failure.code, message, ...failure.extra } });
  process.exitCode = failure.exitCode;
}
