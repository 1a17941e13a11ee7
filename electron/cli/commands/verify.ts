import type { Command } from 'commander';
import { DB_OPTION_HELP, withApi } from '../output/commandSupport';

/**
 * `remo verify [--db PATH]`: checks the immutability triggers and walks the hash chain
 * (`store.verify`). Prints `ok N events` (exit 0) or names the first bad position (exit 1). Never
 * creates a database.
 */
export function register(program: Command): void {
  program
    .command('verify')
    .description('Check that the event log is intact: immutability triggers present, hash chain unbroken.')
    .option('--db <path>', DB_OPTION_HELP)
    .action(async (options: { db?: string }) => {
      await withApi(options.db, async (api) => {
        const report = await api.call('store.verify', {});
        if (report.ok) {
          process.stdout.write(`ok ${report.eventsChecked} events\n`);
          return;
        }
        const where = report.firstBadPosition !== undefined ? `bad event at global position ${report.firstBadPosition}: ` : 'verify failed: ';
        process.stdout.write(`${where}${report.message ?? 'the log does not check out'}\n`);
        process.exitCode = 1;
      }, { missing: (path) => `no database at ${path}` });
    });
}
