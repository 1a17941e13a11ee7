import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../usageError';
import { DB_OPTION_HELP, withApi } from '../output/commandSupport';
import { printJsonLine } from '../output/jsonLine';

/** `remo import FILE`: add an exported run to this database, all or nothing. */
export function register(program: Command): void {
  program
    .command('import')
    .description('import a run exported with `remo export` (every line validated first; nothing is written unless all pass)')
    .argument('<file>', 'JSONL file written by `remo export`')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print the result as one JSON line')
    .addHelpText(
      'after',
      '\nA run id that already exists is refused unless its events are identical (then nothing is written, exit 0).\nExit status: 0 imported (or already present); 2 invalid file or conflicting run (nothing written).',
    )
    .action(async (file: string, options: { db?: string; json?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new UsageError(`cannot read ${file}: no such file or not readable`);
      }
      await withApi(options.db, async (api) => {
        const result = await api.call('runs.import', { content: text });
        if (options.json) printJsonLine({ runId: result.runId, written: result.written, alreadyPresent: result.alreadyPresent });
        else if (result.written === 0) process.stdout.write(`run ${result.runId} is already in this database (identical); nothing written\n`);
        else process.stdout.write(`imported run ${result.runId}: ${result.written} events written, ${result.alreadyPresent} already present\n`);
      }, { mayCreate: true });
    });
}
