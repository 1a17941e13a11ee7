import type { Command } from 'commander';
import { UsageError } from '../usageError';
import { DB_OPTION_HELP, readJsonFile, withApi, withScratchApi } from '../output/commandSupport';
import { RUN_EXIT_HELP, followRunInForeground } from '../output/foregroundRun';
import { printJsonLine } from '../output/jsonLine';

/** `remo run --config FILE`: validate, record and execute one run in this process. */
export function register(program: Command): void {
  program
    .command('run')
    .description('start a run from a JSON config and follow it to the end')
    .requiredOption('--config <file>', 'run config (JSON); see resources/configs/README.md')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print the result as one JSON line (the last stdout line)')
    .option('--dry-run', 'print the fully resolved config (every default filled, as RunStarted would record it) and exit; writes nothing')
    .addHelpText('after', RUN_EXIT_HELP)
    .action(async (options: { config: string; db?: string; json?: boolean; dryRun?: boolean }) => {
      const config = readJsonFile(options.config);
      if (typeof config !== 'object' || config === null || Array.isArray(config)) {
        throw new UsageError(`invalid run config: ${options.config} must hold one JSON object`);
      }
      // Checked before the database is even opened, by a core without a database file: a bad config
      // must leave no trace. The config alone (schema, limits such as http(s) URLs, key variables
      // set here, epochs 1-100); runs.start checks its dataset and memory source against the database.
      const check = await withScratchApi((api) => api.call('runs.validateConfig', { config: config as Record<string, unknown>, checkData: false }));
      if (!check.ok) throw new UsageError(`invalid run config: ${check.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
      if (options.dryRun) {
        // The database is never opened: a dry run can neither create nor change it.
        if (options.json) printJsonLine({ dryRun: true, config: check.resolved });
        else process.stdout.write(`${JSON.stringify(check.resolved, null, 2)}\n`);
        return;
      }
      await withApi(options.db, async (api) => {
        const { runId } = await api.call('runs.start', { config: config as Record<string, unknown> });
        await followRunInForeground(api, runId, { json: Boolean(options.json) });
      }, { mayCreate: true });
    });
}
