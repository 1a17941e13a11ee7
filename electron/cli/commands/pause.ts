import type { Command } from 'commander';
import { DB_OPTION_HELP, withApi } from '../output/commandSupport';
import { waitWhileRunning } from '../output/foregroundRun';

/** `remo pause RUN` (or `--stop`): ask whichever process executes the run to pause at its next safe point. */
export function register(program: Command): void {
  program
    .command('pause')
    .description('ask a running run (in any process using the same database) to pause at its next safe point')
    .argument('<run>', 'run id')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--stop', 'stop the run for good instead of pausing it')
    .option('--wait', 'wait until the run has actually paused')
    .addHelpText('after', '\nExit status: 0 request recorded (or the run already paused); 1 the run is not executing anywhere.')
    .action(async (runId: string, options: { db?: string; stop?: boolean; wait?: boolean }) => {
      await withApi(options.db, async (api) => {
        const summary = await api.call('runs.summary', { runId });
        if (summary.status !== 'running') {
          process.stdout.write(`run ${runId} is not executing (status: ${summary.status}); nothing to ${options.stop ? 'stop' : 'pause'}\n`);
          process.exitCode = summary.status === 'paused' ? 0 : 1;
          return;
        }
        await api.call(options.stop ? 'runs.stop' : 'runs.pause', { runId });
        process.stdout.write(`${options.stop ? 'stop' : 'pause'} requested for ${runId}; it takes effect at the run's next safe point\n`);
        if (options.wait) {
          const after = await waitWhileRunning(api, runId, { pollMs: 250 });
          process.stdout.write(`run ${runId} is now ${after.status}\n`);
        }
      });
    });
}
