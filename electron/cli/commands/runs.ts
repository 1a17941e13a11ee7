import type { Command } from 'commander';
import { DB_OPTION_HELP, withCore } from '../output/commandSupport';
import { printJsonLine } from '../output/jsonLine';
import { renderRunList } from '../output/summaryTable';

/** `remo runs`: every run in the database, newest last. */
export function register(program: Command): void {
  program
    .command('runs')
    .description('list the runs in the database (a run whose process died shows as "interrupted")')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print one JSON line: an array of run summaries')
    .action(async (options: { db?: string; json?: boolean }) => {
      await withCore(options.db, (core) => {
        const runs = core.runs.list();
        if (options.json) printJsonLine(runs);
        else process.stdout.write(renderRunList(runs) + '\n');
      });
    });
}
