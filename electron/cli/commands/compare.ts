import type { Command } from 'commander';
import { runTrainSize } from '../../core/runs/runFacts';
import { DB_OPTION_HELP, withCore } from '../output/commandSupport';
import { compareRowJson, renderComparison, type CompareRow } from '../output/compareTable';
import { printJsonLine } from '../output/jsonLine';

/** `remo compare RUN...`: runs side by side in the paper's table layout. */
export function register(program: Command): void {
  program
    .command('compare')
    .description("compare runs in the paper's table layout (method, epochs, train size, val, test, gap), with seed accuracies, calls, tokens and time")
    .argument('<runs...>', 'run ids')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print one JSON line: an array of rows')
    .action(async (runIds: string[], options: { db?: string; json?: boolean }) => {
      await withCore(options.db, (core) => {
        const rows: CompareRow[] = runIds.map((runId) => ({ summary: core.runs.summary(runId), trainSize: runTrainSize(core.store, runId) }));
        if (options.json) printJsonLine(rows.map(compareRowJson));
        else process.stdout.write(renderComparison(rows) + '\n');
      });
    });
}
