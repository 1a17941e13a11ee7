import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { openDatabase } from '../../core/store/openDatabase';
import { verifyEventLog } from '../../core/store/verifyEventLog';
import { UsageError } from '../usageError';
import { defaultDbPath } from '../../core/composition/defaultDbPath';
import { DB_OPTION_HELP } from '../output/commandSupport';

/**
 * `remo verify [--db PATH]`: checks the immutability triggers and walks the hash chain.
 * Prints `ok N events` (exit 0) or names the first bad position (exit 1). Opens read-only and
 * never creates a database.
 */
export function register(program: Command): void {
  program
    .command('verify')
    .description('Check that the event log is intact: immutability triggers present, hash chain unbroken.')
    .option('--db <path>', DB_OPTION_HELP)
    .action((options: { db?: string }) => {
      const dbPath = options.db ?? defaultDbPath();
      if (!existsSync(dbPath)) throw new UsageError(`no database at ${dbPath}`);
      const db = openDatabase(dbPath, { readonly: true, allowOutdatedSchema: true });
      try {
        const hasEvents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
        if (!hasEvents) {
          process.stdout.write('ok 0 events (no events table yet)\n');
          return;
        }
        const result = verifyEventLog(db);
        if (result.ok) {
          process.stdout.write(`ok ${result.eventCount} events\n`);
          return;
        }
        const where = result.position !== undefined ? `bad event at global position ${result.position}: ` : 'verify failed: ';
        process.stdout.write(`${where}${result.reason}\n`);
        process.exitCode = 1;
      } finally {
        db.close();
      }
    });
}
