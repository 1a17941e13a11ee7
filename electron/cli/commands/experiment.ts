import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { defaultDbPath } from '../../core/composition/defaultDbPath';
import { UsageError } from '../usageError';
import { DB_OPTION_HELP, readJsonFile, withApi, withScratchApi, type CliApi } from '../output/commandSupport';
import { experimentJson, renderExperiment, renderPlan } from '../output/experimentTable';
import { EXPERIMENT_EXIT_HELP, followExperiment } from '../output/followExperiment';
import { printJsonLine } from '../output/jsonLine';
import { formatCount } from '../output/format';
import { renderTable } from '../output/table';

function readExperimentFile(path: string): Record<string, unknown> {
  const config = readJsonFile(path);
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new UsageError(`invalid experiment: ${path} must hold one JSON object ({ "name", "base", "grid" })`);
  }
  return config as Record<string, unknown>;
}

/**
 * `remo experiment run|show|resume|list`: methods x seeds over one base config, every run in this
 * process at once (one request pool per server, so the endpoints' concurrency holds over all of
 * them), then the aggregated table. Through experiments.* of the API.
 */
export function register(program: Command): void {
  const experiment = program.command('experiment').description('run a grid of methods x seeds over one base config and aggregate it (see resources/experiments)');

  experiment
    .command('run')
    .description('start every run of an experiment file, follow them, print the aggregated table')
    .argument('<file>', 'experiment file (JSON: { "name", "base": <run config>, "grid": { "methods", "seeds", "vary"? } })')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print the result as one JSON line (the last stdout line)')
    .option('--dry-run', 'check the file and print what it would cost (runs, calls, tokens, time); writes nothing')
    .addHelpText('after', EXPERIMENT_EXIT_HELP)
    .action(async (file: string, options: { db?: string; json?: boolean; dryRun?: boolean }) => {
      const config = readExperimentFile(file);
      // A dry run reads the database for similar runs when there is one, and never creates it.
      const path = options.db ?? defaultDbPath();
      const open = options.dryRun && !existsSync(path)
        ? (action: (api: CliApi) => Promise<void>) => withScratchApi(action)
        : (action: (api: CliApi) => Promise<void>) => withApi(options.db, action, { mayCreate: !options.dryRun });
      await open(async (api) => {
        const plan = await api.call('experiments.plan', { config });
        if (options.dryRun) {
          if (options.json) printJsonLine({ dryRun: true, ...plan });
          else process.stdout.write(renderPlan(plan) + '\n');
          return;
        }
        process.stderr.write(renderPlan(plan) + '\n');
        const { experimentId, runIds } = await api.call('experiments.start', { config });
        process.stderr.write(`experiment ${experimentId} started: ${runIds.length} runs (${runIds.join(', ')})\n`);
        await followExperiment(api, experimentId, { json: Boolean(options.json) });
      });
    });

  experiment
    .command('show')
    .description('print an experiment\'s cells, aggregated table and paired tests')
    .argument('<id>', 'experiment id')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print the result as one JSON line (the last stdout line)')
    .action(async (experimentId: string, options: { db?: string; json?: boolean }) => {
      await withApi(options.db, async (api) => {
        const view = await api.call('experiments.show', { experimentId });
        if (options.json) printJsonLine(experimentJson(view));
        else process.stdout.write(renderExperiment(view) + '\n');
      });
    });

  experiment
    .command('resume')
    .description('start the cells that have no run, resume the runs that did not complete, and follow them')
    .argument('<id>', 'experiment id')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print the result as one JSON line (the last stdout line)')
    .addHelpText('after', EXPERIMENT_EXIT_HELP)
    .action(async (experimentId: string, options: { db?: string; json?: boolean }) => {
      await withApi(options.db, async (api) => {
        const { started, resumed } = await api.call('experiments.resume', { experimentId });
        process.stderr.write(`experiment ${experimentId}: ${resumed.length} runs resumed, ${started.length} started\n`);
        await followExperiment(api, experimentId, { json: Boolean(options.json) });
      });
    });

  experiment
    .command('list')
    .description('list experiments, newest first')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print the list as one JSON line')
    .action(async (options: { db?: string; json?: boolean }) => {
      await withApi(options.db, async (api) => {
        const list = await api.call('experiments.list', {});
        if (options.json) {
          printJsonLine(list as unknown as Record<string, unknown>);
          return;
        }
        if (list.length === 0) {
          process.stdout.write('no experiments yet (`remo experiment run FILE` starts one)\n');
          return;
        }
        process.stdout.write(renderTable(
          ['id', 'name', 'created', 'runs', 'completed', 'status', 'methods', 'seeds'],
          list.map((e) => [e.experimentId, e.name + (e.simulated ? ' [SIMULATED]' : ''), e.createdAt.slice(0, 19).replace('T', ' '), formatCount(e.cells), e.completed, e.status, e.methods.join(', '), e.seeds.join(', ')]),
        ) + '\n');
      });
    });
}
