import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DB_OPTION_HELP, withApi } from '../output/commandSupport';

/** `remo export RUN > run.jsonl`: the run's logical history as JSONL (header line + one event per line). */
export function register(program: Command): void {
  program
    .command('export')
    .description("write a run's events (with the fork parents and memory sources it reads) as JSONL to stdout or --out")
    .argument('<run>', 'run id')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--db <path>', DB_OPTION_HELP)
    .addHelpText('after', '\nThe first line is a header {format, version, runId, eventCount, sha256, streams}; `remo import` checks it.')
    .action(async (runId: string, options: { out?: string; db?: string }) => {
      await withApi(options.db, async (api) => {
        const { content: text } = await api.call('runs.export', { runId });
        if (options.out) writeFileSync(options.out, text);
        else await writeAll(process.stdout, text);
      });
    });
}

/** Resolves once `text` is flushed, so a large export piped to a file is complete before exit. */
function writeAll(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
}
