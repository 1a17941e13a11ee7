import type { Command } from 'commander';
import { DB_OPTION_HELP, withApi } from '../output/commandSupport';
import { printJsonLine } from '../output/jsonLine';

/** `remo archive RUN [--undo]`: hides a run from `remo runs` and the UI's list; nothing is deleted. */
export function register(program: Command): void {
  program
    .command('archive')
    .description('hide a run from the runs list (an event; nothing is deleted); --undo shows it again. `remo runs --all` lists archived runs')
    .argument('<run>', 'run id')
    .option('--undo', 'bring an archived run back into the list')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print the result as one JSON line')
    .action(async (runId: string, options: { undo?: boolean; db?: string; json?: boolean }) => {
      await withApi(options.db, async (api) => {
        const result = await api.call('runs.archive', { runId, archived: !options.undo });
        if (options.json) printJsonLine(result);
        else process.stdout.write(result.archived ? `archived ${runId} (see it with \`remo runs --all\`; undo with \`remo archive ${runId} --undo\`)\n` : `${runId} is back in the runs list\n`);
      });
    });
}
