import type { Command } from 'commander';
import { DB_OPTION_HELP, withCore } from '../output/commandSupport';
import { RUN_EXIT_HELP, followRunInForeground } from '../output/foregroundRun';

/** `remo resume RUN`: continue a paused, interrupted or failed run from the end of its log. */
export function register(program: Command): void {
  program
    .command('resume')
    .description('continue a paused, interrupted or failed run from where its log ends (no logged call is redone)')
    .argument('<run>', 'run id')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print the result as one JSON line (the last stdout line)')
    .addHelpText(
      'after',
      `${RUN_EXIT_HELP}\nA run executed by another live process is refused (its lease in run_control is fresh).`,
    )
    .action(async (runId: string, options: { db?: string; json?: boolean }) => {
      await withCore(options.db, async (core) => {
        await core.runs.resume(runId);
        await followRunInForeground(core.runs, runId, { json: Boolean(options.json) });
      });
    });
}
