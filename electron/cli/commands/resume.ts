import type { Command } from 'commander';
import { DB_OPTION_HELP, withApi } from '../output/commandSupport';
import { RUN_EXIT_HELP, followRunInForeground } from '../output/foregroundRun';
import { parseOverrides } from '../output/parseOverrides';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `remo resume RUN`: continue a paused, interrupted or failed run from the end of its log. */
export function register(program: Command): void {
  program
    .command('resume')
    .description('continue a paused, interrupted or failed run from where its log ends (no logged call is redone)')
    .argument('<run>', 'run id')
    .option('--set <key=value>', 'change how the run reaches its models before resuming (keys under endpoints, or roles.<role>.endpoint); repeatable; recorded as RunReconfigured', collect, [])
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print the result as one JSON line (the last stdout line)')
    .addHelpText(
      'after',
      `\nExample: remo resume r1a2b3c --set endpoints.0.baseURL=http://127.0.0.1:8000/v1\n${RUN_EXIT_HELP}\nA run executed by another live process is refused (its lease in run_control is fresh). API keys are never accepted in --set: name a variable with endpoints.N.apiKeyEnv.`,
    )
    .action(async (runId: string, options: { set: string[]; db?: string; json?: boolean }) => {
      const overrides = parseOverrides(options.set);
      await withApi(options.db, async (api) => {
        await api.call('runs.resume', { runId, overrides });
        await followRunInForeground(api, runId, { json: Boolean(options.json) });
      });
    });
}
