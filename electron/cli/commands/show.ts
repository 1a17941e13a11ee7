import type { Command } from 'commander';
import type { RunPoint } from '../../../shared/api/runViews';
import { DB_OPTION_HELP, parseNonNegativeInt, withApi } from '../output/commandSupport';
import { printJsonLine } from '../output/jsonLine';
import { renderState, stateJson } from '../output/stateView';

/** `remo show RUN [--epoch K]`: the run's P, Q, metrics and notebook at a point of its log. */
export function register(program: Command): void {
  program
    .command('show')
    .description("show a run's prompt P, optimizer instructions Q, metrics and notebook size, at its end or after an epoch")
    .argument('<run>', 'run id')
    .option('--epoch <k>', 'state at the end of epoch K (0 = after the seed evaluation)')
    .option('--position <n>', 'state at global log position N')
    .option('--notebook', 'include the notebook entries in --json output')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print one JSON line')
    .action(async (runId: string, options: { epoch?: string; position?: string; notebook?: boolean; db?: string; json?: boolean }) => {
      const at: RunPoint =
        options.position !== undefined
          ? { position: parseNonNegativeInt('--position', options.position) }
          : options.epoch !== undefined
            ? { epoch: parseNonNegativeInt('--epoch', options.epoch) }
            : 'end';
      await withApi(options.db, async (api) => {
        const summary = await api.call('runs.summary', { runId });
        const view = await api.call('runs.stateAt', { runId, at });
        if (options.json) printJsonLine(stateJson(summary, view, Boolean(options.notebook), at));
        else process.stdout.write(renderState(summary, view, at) + '\n');
      });
    });
}
