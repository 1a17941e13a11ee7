import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { exportRunLines } from '../../core/exchange';
import { DB_OPTION_HELP, withCore } from '../output/commandSupport';

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
      await withCore(options.db, async (core) => {
        const text = exportRunLines(core.store, runId, () => new Date()).join('\n') + '\n';
        if (options.out) writeFileSync(options.out, text);
        else await writeAll(process.stdout, text);
      });
    });
}

/** Resolves once `text` is flushed, so a large export piped to a file is complete before exit. */
function writeAll(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
}
