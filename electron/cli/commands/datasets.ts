import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import type { DatasetImportResult } from '../../../shared/api/datasetViews';
import { DATASET_LIMITS, fileTooLargeMessage, formatFromFileName, formatIssue, type DatasetFormat, type ImportIssue } from '../../../shared/datasets/datasetImport';
import { escapeForDisplay } from '../../../shared/text/escapeForDisplay';
import { defaultDbPath } from '../../core/composition/defaultDbPath';
import { DB_OPTION_HELP, withApi, withScratchApi } from '../output/commandSupport';
import { printJsonLine } from '../output/jsonLine';
import { renderTable } from '../output/table';
import { UsageError } from '../usageError';

interface ImportOptions {
  db?: string;
  name: string;
  format?: DatasetFormat;
  questionField: string;
  answerField: string;
  idField?: string;
  gold: 'gsm8k' | 'raw';
  json?: boolean;
}

/** At most this many errors are printed; the count says how many more there were. */
const MAX_PRINTED_ISSUES = 50;

function printIssues(out: NodeJS.WritableStream, title: string, issues: readonly ImportIssue[]): void {
  for (const line of issueLines(title, issues)) out.write(`${escapeForDisplay(line)}\n`);
}

/** The lines printIssues writes: a title with the count, then at most MAX_PRINTED_ISSUES issues. */
function issueLines(title: string, issues: readonly ImportIssue[]): string[] {
  if (issues.length === 0) return [];
  const lines = [`${title} (${issues.length}):`, ...issues.slice(0, MAX_PRINTED_ISSUES).map((issue) => `  ${formatIssue(issue)}`)];
  if (issues.length > MAX_PRINTED_ISSUES) lines.push(`  ... and ${issues.length - MAX_PRINTED_ISSUES} more`);
  return lines;
}

/**
 * `remo datasets import|list`, through `datasets.import` and `datasets.list`. Import is all or
 * nothing, and a bad file writes nothing (not even a new database file): exit 2 (bad input) with
 * every error and its line, as for usage errors and missing files.
 */
export function register(program: Command): void {
  // exitOverride before the subcommands are created: they inherit it, so their parse errors end
  // as CommanderError (exit 2 in main.ts) like every top-level command's.
  const datasets = program.command('datasets').description('import and list datasets (GSM8K is built in)').exitOverride();

  datasets
    .command('import')
    .description('validate a JSONL, JSON (array of objects) or CSV file and store it content-addressed; all-or-nothing')
    .argument('<file>', 'the dataset file')
    .option('--db <path>', DB_OPTION_HELP)
    .requiredOption('--name <name>', 'a label for the dataset')
    .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices(['jsonl', 'json', 'csv']))
    .option('--question-field <field>', 'field holding the question', 'question')
    .option('--answer-field <field>', 'field holding the answer', 'answer')
    .option('--id-field <field>', 'field holding a unique item id (default: generated item-<n>)')
    .addOption(
      new Option('--gold <mode>', 'gsm8k: gold = the number after #### in the answer field; raw: the answer as is')
        .choices(['gsm8k', 'raw'])
        .default('raw'),
    )
    .option('--json', 'print the result as one JSON line')
    .action(async (file: string, options: ImportOptions) => {
      if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
      const format = options.format ?? formatFromFileName(file);
      if (!format) throw new UsageError(`cannot tell the format of ${basename(file)} from its extension; pass --format jsonl|json|csv`);
      if (options.name.trim() === '') throw new UsageError('--name must not be empty');
      const mapping = {
        questionField: options.questionField,
        answerField: options.answerField,
        gold: options.gold,
        ...(options.idField ? { idField: options.idField } : {}),
      };
      // The exact bytes, as base64: invalid UTF-8 is reported with its line, never replaced.
      const request = { content: readDatasetBytes(file).toString('base64'), encoding: 'base64' as const, name: options.name.trim(), format, mapping };

      const dbPath = options.db ?? defaultDbPath();
      // A bad file must not even create the database: without one, the file is first imported
      // into a core that has no database file, and only a file that passes reaches the real one.
      if (!existsSync(dbPath)) {
        const check = await withScratchApi((api) => api.call('datasets.import', request));
        if (!check.ok) throw invalidDataset(file, format, check);
      }
      const stored = await withApi(dbPath, (api) => api.call('datasets.import', request), { mayCreate: true });
      if (!stored.ok) throw invalidDataset(file, format, stored);
      if (options.json) {
        printJsonLine({
          ok: true,
          hash: stored.hash,
          created: stored.created,
          name: stored.dataset.name,
          itemCount: stored.itemCount,
          warnings: stored.warnings.map(formatIssue),
        });
        return;
      }
      if (stored.created) process.stdout.write(`imported "${stored.dataset.name}": ${stored.itemCount} items\n`);
      else process.stdout.write(`already stored as "${stored.dataset.name}" (${stored.dataset.createdAt}): nothing written\n`);
      process.stdout.write(`hash ${stored.hash}\n`);
      printIssues(process.stdout, 'warnings', stored.warnings);
    });

  datasets
    .command('list')
    .description('list the datasets stored in a database (newest first)')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print one JSON line: an array of datasets')
    .action(async (options: { db?: string; json?: boolean }) => {
      const rows = await withApi(options.db, (api) => api.call('datasets.list', {}), { missing: (path) => `no database at ${path}` });
      if (options.json) {
        printJsonLine(rows);
        return;
      }
      if (rows.length === 0) {
        process.stdout.write('no imported datasets (built in: gsm8k)\n');
        return;
      }
      process.stdout.write(
        renderTable(
          ['name', 'hash', 'format', 'items', 'imported'],
          rows.map((r) => [r.name, r.hash.slice(0, 12), r.format, r.itemCount, r.createdAt]),
        ) + '\n',
      );
    });
}

/**
 * The file's bytes; a path that is not a readable regular file, or a file over the import limit
 * (checked from its size, before reading it), is a usage error (exit 2).
 */
function readDatasetBytes(file: string): Buffer {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new UsageError(`not a file: ${file}`);
    if (stat.size > DATASET_LIMITS.maxFileBytes) throw new UsageError(`${file}: ${fileTooLargeMessage(stat.size, DATASET_LIMITS.maxFileBytes)}`);
    return readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${String(error)}`);
  }
}

/**
 * A bad file is bad input: exit 2, every error (and warning) under the message on stderr; with
 * --json the error object also carries `errors` and `warnings` (formatted). Nothing was imported.
 */
function invalidDataset(file: string, format: DatasetFormat, result: Extract<DatasetImportResult, { ok: false }>): UsageError {
  return new UsageError(`${file} is not a valid ${format} dataset; nothing was imported.`, {
    code: 'invalid-dataset',
    details: [...issueLines('errors', result.errors), ...issueLines('warnings', result.warnings)],
    extra: { errors: result.errors.map((i) => escapeForDisplay(formatIssue(i))), warnings: result.warnings.map((i) => escapeForDisplay(formatIssue(i))) },
  });
}
