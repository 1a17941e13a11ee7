import type { Command } from 'commander';
import type { RunSummary } from '../../../shared/api/runViews';
import { buildDemoConfig, DEMO_SIZES, type DemoSize } from '../../core/composition/demoConfig';
import { startSimulatorOnDefaultPort } from '../../core/llm/simulator/startSimulatorOnDefaultPort';
import { UsageError } from '../usageError';
import { DB_OPTION_HELP, parseNonNegativeInt, withApi } from '../output/commandSupport';
import { renderComparison } from '../output/compareTable';
import { followRunInForeground } from '../output/foregroundRun';
import { SIMULATOR_NOTICE } from '../output/summaryTable';

const DEMO_METHODS = ['textgrad', 'remo'] as const;

/**
 * `remo demo`: TextGrad vs REMO on GSM8K against the built-in simulator, started in this process.
 * Needs no model server, so it works on a fresh machine; says loudly that the numbers are simulated.
 */
export function register(program: Command): void {
  program
    .command('demo')
    .description('run a short TextGrad vs REMO comparison on GSM8K against the built-in SIMULATOR (no model server needed)')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--size <size>', `demo size: ${Object.keys(DEMO_SIZES).join(', ')}`, 'default')
    .option('--latency <ms>', 'simulated latency per call in ms', '40')
    .option('--seed <n>', 'simulator and run seed', '0')
    .addHelpText('after', `\n${SIMULATOR_NOTICE}\nSizes: ${describeSizes()}.`)
    .action(async (options: { db?: string; size: string; latency: string; seed: string }) => {
      if (!(options.size in DEMO_SIZES)) throw new UsageError(`--size must be one of ${Object.keys(DEMO_SIZES).join(', ')}`);
      const size = options.size as DemoSize;
      const latencyMs = parseNonNegativeInt('--latency', options.latency);
      const seed = parseNonNegativeInt('--seed', options.seed);
      process.stdout.write(`DEMO — ${SIMULATOR_NOTICE}\n`);
      const simulator = await startSimulatorOnDefaultPort({ seed, latencyMs });
      try {
        await withApi(options.db, async (api) => {
          const summaries: RunSummary[] = [];
          for (const method of DEMO_METHODS) {
            const config = buildDemoConfig({ method, size, seed, simulatorUrl: simulator.url });
            const { runId } = await api.call('runs.start', { config });
            process.stdout.write(`${method}: run ${runId}\n`);
            const summary = await followRunInForeground(api, runId, { json: false, quiet: true });
            summaries.push(summary);
            if (summary.status !== 'completed') break;
          }
          const report = await api.call('runs.compare', { runIds: summaries.map((summary) => summary.runId) });
          process.stdout.write('\n' + renderComparison(report) + '\n');
          process.stdout.write(`\nDEMO — ${SIMULATOR_NOTICE}\nThe runs are kept in the database: try \`remo runs\`, \`remo show ${summaries[summaries.length - 1]?.runId ?? 'RUN'}\`.\n`);
          process.exitCode = summaries.every((s) => s.status === 'completed') ? 0 : 1;
        }, { mayCreate: true });
      } finally {
        await simulator.stop();
      }
    });
}

function describeSizes(): string {
  return Object.entries(DEMO_SIZES)
    .map(([name, s]) => `${name}: train ${s.split.train}, val ${s.split.val}, test ${s.split.test}, ${s.epochs} epochs x ${s.stepsPerEpoch} steps`)
    .join('; ');
}
