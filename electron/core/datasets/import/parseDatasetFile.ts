import { decodeUtf8 } from './decodeUtf8';
import type { DatasetFormat, FieldMapping, ImportIssue, ParsedDataset, RawRow } from './importTypes';
import { mapRows } from './mapRows';
import { parseCsv } from './parseCsv';
import { parseJsonArray } from './parseJsonArray';
import { parseJsonl } from './parseJsonl';

import { DATASET_LIMITS, fileTooLargeMessage, type DatasetLimits } from '../../../../shared/datasets/datasetImport';
import { escapeForDisplay } from '../../../../shared/text/escapeForDisplay';

export { formatFromFileName } from '../../../../shared/datasets/datasetImport';

const parsers: Record<DatasetFormat, (text: string, limits: DatasetLimits) => { rows: RawRow[]; errors: ImportIssue[] }> = {
  jsonl: parseJsonl,
  json: parseJsonArray,
  csv: parseCsv,
};

/** Whole-file issues first, then in file order (stable, so one row's issues keep their order). */
function sortByPlace(issues: ImportIssue[]): ImportIssue[] {
  const place = (i: ImportIssue) => (i.location ? (i.location.kind === 'line' ? i.location.line : i.location.index) : -1);
  return [...issues].sort((a, b) => place(a) - place(b));
}

/**
 * Bytes of a dataset file -> validated items, or every error found (with line numbers / array
 * indexes). Pure: no file system, no database. Syntax errors are reported together with the
 * field errors of the rows that did parse, so one pass shows as much as possible.
 */
export function parseDatasetFile(bytes: Uint8Array, format: DatasetFormat, mapping: FieldMapping, limits: DatasetLimits = DATASET_LIMITS): ParsedDataset {
  const read = parseRows(bytes, format, limits);
  if (!read.ok) return { ok: false, errors: [read.error], warnings: [] };
  return mapParsedRows(read, mapping, limits);
}

/** The records of a file before mapping (for previews), or the whole-file problem that stops reading it. */
export type ReadRows = { ok: true; rows: RawRow[]; errors: ImportIssue[] } | { ok: false; error: ImportIssue };

/** Decodes (strict UTF-8) and parses a file into records; syntax errors come with the rows that parsed. */
export function parseRows(bytes: Uint8Array, format: DatasetFormat, limits: DatasetLimits = DATASET_LIMITS): ReadRows {
  // Before decoding: a file over the limit is said to be too large (a 600 MB line used to end as
  // "invalid UTF-8" when its text would not fit in a string).
  if (bytes.length > limits.maxFileBytes) return { ok: false, error: { message: fileTooLargeMessage(bytes.length, limits.maxFileBytes) } };
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, error: escaped(decoded.error) };
  const parsed = parsers[format](decoded.text, limits);
  return { ok: true, rows: parsed.rows, errors: parsed.errors.map(escaped) };
}

/**
 * Messages quote the file (a JSON parser's excerpt, a CSV header name): control characters in
 * them are shown escaped (\x1b, \x00, \u202e), never passed on to a terminal or a page.
 */
function escaped(issue: ImportIssue): ImportIssue {
  return { ...issue, message: escapeForDisplay(issue.message) };
}

/** Validates parsed records against a mapping: items, or every error (syntax errors included). */
export function mapParsedRows(read: { rows: readonly RawRow[]; errors: readonly ImportIssue[] }, mapping: FieldMapping, limits: DatasetLimits = DATASET_LIMITS): ParsedDataset {
  const syntaxErrors = read.errors.map(escaped);
  const raw = mapRows(read.rows, mapping, limits);
  const mapped: ParsedDataset = raw.ok ? { ...raw, warnings: raw.warnings.map(escaped) } : { ok: false, errors: raw.errors.map(escaped), warnings: raw.warnings.map(escaped) };
  const errors = [...syntaxErrors, ...(mapped.ok ? [] : mapped.errors)];
  // "no rows" is noise when the rows were lost to syntax errors.
  const relevant = syntaxErrors.length > 0 ? errors.filter((e) => e.message !== 'the file holds no rows') : errors;
  if (relevant.length > 0) return { ok: false, errors: sortByPlace(relevant), warnings: mapped.warnings };
  return mapped;
}
