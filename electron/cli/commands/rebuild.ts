import type { Command } from 'commander';
import { DB_OPTION_HELP, withApi } from '../output/commandSupport';

/**
 * `remo rebuild [--db PATH]`: truncates and replays every registered projection from the log
 * (`store.rebuild`), then prints the event count, the time taken and a checksum of the projection
 * tables (the same log always gives the same checksum). Never creates a database.
 */
export function register(program: Command): void {
  program
    .command('rebuild')
    .description('Drop and replay every projection from the event log; print events, time and a checksum of the read models.')
    .option('--db <path>', DB_OPTION_HELP)
    .action(async (options: { db?: string }) => {
      await withApi(options.db, async (api) => {
        const report = await api.call('store.rebuild', {});
        const names = report.projections;
        process.stdout.write(
          `events: ${report.events}\n` +
            `projections: ${names.length}${names.length ? ` (${names.join(', ')})` : ''}\n` +
            `applied: ${report.applied}\n` +
            `time: ${report.elapsedMs.toFixed(1)} ms\n` +
            `checksum: ${report.checksum}\n`,
        );
      }, { missing: (path) => `no database at ${path}` });
    });
}
