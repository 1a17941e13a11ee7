import type { Command } from 'commander';
import { DB_OPTION_HELP, withApi } from '../output/commandSupport';
import { printJsonLine } from '../output/jsonLine';

/** `remo rename RUN NAME`: a RunRenamed event in the run catalog; the old name stays in the log. */
export function register(program: Command): void {
  program
    .command('rename')
    .description('rename a run (recorded as an event; the old name stays in the log)')
    .argument('<run>', 'run id')
    .argument('<name...>', 'the new name (words are joined with spaces)')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print the result as one JSON line')
    .action(async (runId: string, words: string[], options: { db?: string; json?: boolean }) => {
      await withApi(options.db, async (api) => {
        const result = await api.call('runs.rename', { runId, name: words.join(' ') });
        if (options.json) printJsonLine(result);
        else process.stdout.write(`renamed ${result.runId} to "${result.name}"\n`);
      });
    });
}
