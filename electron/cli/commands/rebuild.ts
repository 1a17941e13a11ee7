import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { openEventStore } from '../../core/store/openEventStore';
import { rebuildProjections } from '../../core/projections/rebuildProjections';
import { checksumProjectionTables } from '../../core/projections/checksumProjectionTables';
import { registeredEventRegistry, registeredProjections } from '../../core/projections/registeredProjections';
import { UsageError } from '../usageError';
import { defaultDbPath } from '../../core/composition/defaultDbPath';
import { DB_OPTION_HELP } from '../output/commandSupport';

/**
 * `remo rebuild [--db PATH]`: truncates and replays every registered projection from the log, then
 * prints the event count, the time taken and a checksum of the projection tables (the same log
 * always gives the same checksum). Never creates a database.
 */
export function register(program: Command): void {
  program
    .command('rebuild')
    .description('Drop and replay every projection from the event log; print events, time and a checksum of the read models.')
    .option('--db <path>', DB_OPTION_HELP)
    .action((options: { db?: string }) => {
      const dbPath = options.db ?? defaultDbPath();
      if (!existsSync(dbPath)) throw new UsageError(`no database at ${dbPath}`);
      const projections = registeredProjections();
      const store = openEventStore({ path: dbPath, registry: registeredEventRegistry(), projections });
      try {
        const started = performance.now();
        const result = rebuildProjections(store.db, store, projections);
        const elapsedMs = performance.now() - started;
        const checksum = checksumProjectionTables(store.db, projections);
        process.stdout.write(
          `events: ${result.lastPosition}\n` +
            `projections: ${projections.length}${projections.length ? ` (${projections.map((p) => p.name).join(', ')})` : ''}\n` +
            `applied: ${result.appliedEvents}\n` +
            `time: ${elapsedMs.toFixed(1)} ms\n` +
            `checksum: ${checksum}\n`,
        );
      } finally {
        store.close();
      }
    });
}
