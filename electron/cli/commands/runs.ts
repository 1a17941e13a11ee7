import type { Command } from 'commander';
import { DB_OPTION_HELP, withApi } from '../output/commandSupport';
import { printJsonLine } from '../output/jsonLine';
import { renderRunList } from '../output/summaryTable';

/** `remo runs [--all]`: every run in the database, newest last; archived ones with --all. */
export function register(program: Command): void {
  program
    .command('runs')
    .description('list the runs in the database (a run whose process died shows as "interrupted"; archived runs only with --all)')
    .option('--all', 'include archived runs')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print one JSON line: an array of run summaries')
    .action(async (options: { all?: boolean; db?: string; json?: boolean }) => {
      await withApi(options.db, async (api) => {
        const runs = await api.call('runs.list', { includeArchived: Boolean(options.all) });
        if (options.json) printJsonLine(runs);
        else process.stdout.write(renderRunList(runs) + '\n');
      });
    });
}
