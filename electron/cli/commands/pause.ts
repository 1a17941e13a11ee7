import type { Command } from 'commander';
import { DB_OPTION_HELP, withCore } from '../output/commandSupport';

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
      await withCore(options.db, async (core) => {
        const summary = core.runs.summary(runId);
        if (summary.status !== 'running') {
          process.stdout.write(`run ${runId} is not executing (status: ${summary.status}); nothing to ${options.stop ? 'stop' : 'pause'}\n`);
          process.exitCode = summary.status === 'paused' ? 0 : 1;
          return;
        }
        if (options.stop) core.runs.requestStop(runId);
        else core.runs.requestPause(runId);
        process.stdout.write(`${options.stop ? 'stop' : 'pause'} requested for ${runId}; it takes effect at the run's next safe point\n`);
        if (options.wait) {
          const after = await core.runs.waitForRun(runId);
          process.stdout.write(`run ${runId} is now ${after.status}\n`);
        }
      });
    });
}
