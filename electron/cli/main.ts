/**
 * The `remo` command line. Each subcommand lives in electron/cli/commands/<name>.ts and registers
 * itself on the program; this file only wires them and maps usage errors to exit code 2.
 */
import { Command, CommanderError } from 'commander';
import { commands } from './commands/index';
import { UsageError } from './usageError';

/** Registers a command defined outside the CLI layer (the launcher passes `remo web` from electron/host). */
export type CommandRegistration = (program: Command) => void;

export function buildProgram(extraCommands: readonly CommandRegistration[] = []): Command {
  const program = new Command('remo')
    .description('REMO Studio: prompt optimization with memory (REMO and TextGrad), event-sourced on SQLite.')
    .showHelpAfterError(false)
    .configureOutput({ outputError: (text, write) => write(text.split('\n')[0] + '\n') });
  for (const register of [...commands, ...extraCommands]) register(program);
  // Every subcommand rejects unknown flags with a one-line error and exit 2.
  for (const cmd of program.commands) cmd.exitOverride().configureOutput(program.configureOutput());
  program.exitOverride();
  return program;
}

/** SQLite's words for a damaged file, said so a user knows what happened and what to do. */
function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return `the database file is damaged (SQLite: ${message}); nothing was written. Restore it from a backup, or import runs saved with \`remo export\` into a new database.`;
  }
  return message;
}

/** Parses `argv` and runs the command; sets process.exitCode (0, 1 failure, 2 usage). */
export async function runCli(argv: string[], extraCommands: readonly CommandRegistration[] = []): Promise<void> {
  const program = buildProgram(extraCommands);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; parse errors were already printed in one line.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`remo: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`remo: ${describeFailure(error)}\n`);
    process.exitCode = 1;
  }
}

export { DB_OPTION_HELP } from './output/commandSupport';
