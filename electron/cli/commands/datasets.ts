import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { defaultDbPath } from '../../core/composition/defaultDbPath';
import { type Command, Option } from 'commander';
import { DatasetFileError, readDatasetFile } from '../../core/datasets/importDatasetFile';
import { listDatasets, storeDataset } from '../../core/datasets/datasetStore';
import { formatFromFileName } from '../../core/datasets/import/parseDatasetFile';
import { formatIssue, type DatasetFormat, type ImportIssue } from '../../core/datasets/import/importTypes';
import { openDatabase } from '../../core/store/openDatabase';
import { DB_OPTION_HELP } from '../output/commandSupport';
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
  if (issues.length === 0) return;
  out.write(`${title} (${issues.length}):\n`);
  for (const issue of issues.slice(0, MAX_PRINTED_ISSUES)) out.write(`  ${formatIssue(issue)}\n`);
  if (issues.length > MAX_PRINTED_ISSUES) out.write(`  ... and ${issues.length - MAX_PRINTED_ISSUES} more\n`);
}

/**
 * `remo datasets import|list`. Import validates the whole file BEFORE opening the database, so a
 * bad file writes nothing (not even a new database file): exit 1 with every error and its line;
 * exit 2 for usage errors and missing files.
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
    .action((file: string, options: ImportOptions) => {
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

      let parsed;
      try {
        parsed = readDatasetFile({ path: file, format, mapping });
      } catch (error) {
        if (error instanceof DatasetFileError) throw new UsageError(error.message);
        throw error;
      }
      if (!parsed.ok) {
        process.stderr.write(`remo: ${file} is not a valid ${format} dataset; nothing was imported.\n`);
        printIssues(process.stderr, 'errors', parsed.errors);
        printIssues(process.stderr, 'warnings', parsed.warnings);
        if (options.json) printJsonLine({ ok: false, errors: parsed.errors.map(formatIssue), warnings: parsed.warnings.map(formatIssue) });
        process.exitCode = 1;
        return;
      }

      const dbPath = options.db ?? defaultDbPath();
      mkdirSync(dirname(dbPath), { recursive: true });
      const db = openDatabase(dbPath);
      try {
        const stored = storeDataset(db, { name: options.name.trim(), format, items: parsed.items }, () => new Date());
        if (options.json) {
          printJsonLine({
            ok: true,
            hash: stored.hash,
            created: stored.created,
            name: stored.summary.name,
            itemCount: parsed.items.length,
            warnings: parsed.warnings.map(formatIssue),
          });
          return;
        }
        if (stored.created) process.stdout.write(`imported "${stored.summary.name}": ${parsed.items.length} items\n`);
        else process.stdout.write(`already stored as "${stored.summary.name}" (${stored.summary.createdAt}): nothing written\n`);
        process.stdout.write(`hash ${stored.hash}\n`);
        printIssues(process.stdout, 'warnings', parsed.warnings);
      } finally {
        db.close();
      }
    });

  datasets
    .command('list')
    .description('list the datasets stored in a database (newest first)')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print one JSON line: an array of datasets')
    .action((options: { db?: string; json?: boolean }) => {
      const dbPath = options.db ?? defaultDbPath();
      if (!existsSync(dbPath)) throw new UsageError(`no database at ${dbPath}`);
      // A writer connection: it applies pending migrations (0005 creates the datasets tables).
      const db = openDatabase(dbPath);
      try {
        const rows = listDatasets(db);
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
      } finally {
        db.close();
      }
    });
}
