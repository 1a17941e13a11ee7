import type { Command } from 'commander';
import type { RunPoint } from '../../../shared/api/runViews';
import { UsageError } from '../usageError';
import { DB_OPTION_HELP, parseNonNegativeInt, withApi } from '../output/commandSupport';
import { RUN_EXIT_HELP, followRunInForeground } from '../output/foregroundRun';
import { parseOverrides } from '../output/parseOverrides';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `remo fork RUN --epoch K [--position N] [--set k=v ...]`: branch a run and execute the branch. */
export function register(program: Command): void {
  program
    .command('fork')
    .description("start a new run from another run's state at the end of an epoch (or at a log position), with config changes")
    .argument('<run>', 'parent run id')
    .option('--epoch <k>', 'fork from the end of epoch K (0 = after the seed evaluation)')
    .option('--position <n>', 'fork from global log position N instead (as shown by `remo show`)')
    .option('--set <key=value>', 'config override; repeatable; value parsed as JSON when valid, dotted keys nest', collect, [])
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print the result as one JSON line (the last stdout line)')
    .addHelpText('after', `\nExample: remo fork r1a2b3c --epoch 1 --set epochs=5 --set roles.critic.sampling.temperature=0.3\n${RUN_EXIT_HELP}`)
    .action(async (parentRunId: string, options: { epoch?: string; position?: string; set: string[]; db?: string; json?: boolean }) => {
      let at: RunPoint;
      if (options.position !== undefined) at = { position: parseNonNegativeInt('--position', options.position) };
      else if (options.epoch !== undefined) at = { epoch: parseNonNegativeInt('--epoch', options.epoch) };
      else throw new UsageError('fork needs --epoch K or --position N');
      const overrides = parseOverrides(options.set);
      await withApi(options.db, async (api) => {
        const { runId } = await api.call('runs.fork', { runId: parentRunId, at, overrides });
        await followRunInForeground(api, runId, { json: Boolean(options.json) });
      });
    });
}
