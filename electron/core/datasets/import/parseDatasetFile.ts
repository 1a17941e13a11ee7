import { decodeUtf8 } from './decodeUtf8';
import type { DatasetFormat, FieldMapping, ImportIssue, ParsedDataset, RawRow } from './importTypes';
import { mapRows } from './mapRows';
import { parseCsv } from './parseCsv';
import { parseJsonArray } from './parseJsonArray';
import { parseJsonl } from './parseJsonl';

const parsers: Record<DatasetFormat, (text: string) => { rows: RawRow[]; errors: ImportIssue[] }> = {
  jsonl: parseJsonl,
  json: parseJsonArray,
  csv: parseCsv,
};

/** Whole-file issues first, then in file order (stable, so one row's issues keep their order). */
function sortByPlace(issues: ImportIssue[]): ImportIssue[] {
  const place = (i: ImportIssue) => (i.location ? (i.location.kind === 'line' ? i.location.line : i.location.index) : -1);
  return [...issues].sort((a, b) => place(a) - place(b));
}

/** Format from a file name's extension, or null when it does not say. */
export function formatFromFileName(fileName: string): DatasetFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  return null;
}

/**
 * Bytes of a dataset file -> validated items, or every error found (with line numbers / array
 * indexes). Pure: no file system, no database. Syntax errors are reported together with the
 * field errors of the rows that did parse, so one pass shows as much as possible.
 */
export function parseDatasetFile(bytes: Uint8Array, format: DatasetFormat, mapping: FieldMapping): ParsedDataset {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, errors: [decoded.error], warnings: [] };
  const { rows, errors: syntaxErrors } = parsers[format](decoded.text);
  const mapped = mapRows(rows, mapping);
  const errors = [...syntaxErrors, ...(mapped.ok ? [] : mapped.errors)];
  // "no rows" is noise when the rows were lost to syntax errors.
  const relevant = syntaxErrors.length > 0 ? errors.filter((e) => e.message !== 'the file holds no rows') : errors;
  if (relevant.length > 0) return { ok: false, errors: sortByPlace(relevant), warnings: mapped.warnings };
  return mapped;
}
