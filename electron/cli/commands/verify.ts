import type { Command } from 'commander';
import { DB_OPTION_HELP, withApi } from '../output/commandSupport';

/**
 * `remo verify [--db PATH]`: checks the immutability triggers, walks the hash chain, compares the
 * log's end with its anchored head (a cut-off tail), and compares every projection with a rebuild
 * from the log (`store.verify`; writes nothing). Prints `ok N events` (exit 0), or names the first
 * bad position, or the projections that differ (exit 1). Never creates a database.
 */
export function register(program: Command): void {
  program
    .command('verify')
    .description('Check that the event log is intact (immutability triggers, hash chain, head) and the projections match a rebuild.')
    .option('--db <path>', DB_OPTION_HELP)
    .action(async (options: { db?: string }) => {
      await withApi(options.db, async (api) => {
        const report = await api.call('store.verify', {});
        if (report.ok) {
          process.stdout.write(`ok ${report.eventsChecked} events\n`);
          return;
        }
        if (report.projections && !report.projections.ok) {
          // The log checked out; its read models do not match a rebuild from it.
          process.stdout.write(`log ok (${report.eventsChecked} events); projections differ from a rebuild of the log: ${report.projections.differing.join(', ')}\n`);
          process.stdout.write('run `remo rebuild` to rewrite them from the log\n');
          process.exitCode = 1;
          return;
        }
        const where = report.firstBadPosition !== undefined ? `bad event at global position ${report.firstBadPosition}: ` : 'verify failed: ';
        process.stdout.write(`${where}${report.message ?? 'the log does not check out'}\n`);
        process.exitCode = 1;
      }, { missing: (path) => `no database at ${path}` });
    });
}
