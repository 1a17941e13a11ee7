import type { Command } from 'commander';
import { validateRunConfig } from '../../core/runs/validateRunConfig';
import { checkRunConfig } from '../../core/runs/checkRunConfig';
import { parseRunConfig } from '../../core/engine/parseRunConfig';
import { UsageError } from '../usageError';
import { DB_OPTION_HELP, asUsageError, readJsonFile, withCore } from '../output/commandSupport';
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
      // Validate before the database is even opened: a bad config must leave no trace.
      let resolved;
      try {
        resolved = validateRunConfig(config);
      } catch (error) {
        throw asUsageError(error);
      }
      // The limits runs.start holds a config to (http(s) URLs, key variables set here, epochs 1-100, ...).
      const check = checkRunConfig(config, { parse: (json) => parseRunConfig(json) });
      if (!check.ok) throw new UsageError(`invalid run config: ${check.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      if (options.dryRun) {
        // The database is never opened: a dry run can neither create nor change it.
        if (options.json) printJsonLine({ dryRun: true, config: resolved });
        else process.stdout.write(`${JSON.stringify(resolved, null, 2)}\n`);
        return;
      }
      await withCore(options.db, async (core) => {
        const { runId } = await core.runs.start(config);
        await followRunInForeground(core.runs, runId, { json: Boolean(options.json) });
      }, { mayCreate: true });
    });
}
