import type { Command } from 'commander';
import { DB_OPTION_HELP, withApi } from '../output/commandSupport';
import { compareReportJson, renderComparison } from '../output/compareTable';
import { printJsonLine } from '../output/jsonLine';

/** `remo compare RUN...`: runs side by side in the paper's table layout, with intervals and paired tests. */
export function register(program: Command): void {
  program
    .command('compare')
    .description("compare runs in the paper's table layout (method, epochs, train size, val, test, gap) with 95% Wilson intervals, seed accuracies, calls, tokens, time, and an exact McNemar test for every two runs scored on the same test items")
    .argument('<runs...>', 'run ids')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print one JSON line: { runs: [...], pairs: [{ a, b, sharedItems, wrongToRight, rightToWrong, mcnemarP }] }')
    .action(async (runIds: string[], options: { db?: string; json?: boolean }) => {
      await withApi(options.db, async (api) => {
        // The same report the compare view shows.
        const report = await api.call('runs.compare', { runIds });
        if (options.json) printJsonLine(compareReportJson(report));
        else process.stdout.write(renderComparison(report) + '\n');
      });
    });
}
