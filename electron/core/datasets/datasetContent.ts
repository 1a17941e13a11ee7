import type { DatasetImportResult, DatasetMappingKey, DatasetPreview, DatasetRecordSample } from '../../../shared/api/datasetViews';
import { datasetContentHash } from '../../../shared/datasets/datasetContentHash';
import { describeLocation, formatFromFileName, type DatasetFormat, type FieldMapping } from '../../../shared/datasets/datasetImport';
import { gsm8kGold } from '../../../shared/datasets/gsm8kGold';
import type { Clock, Db } from '../store/types';
import { findDataset, storeDataset } from './datasetStore';
import type { RawRow } from './import/importTypes';
import { mapParsedRows, parseDatasetFile, parseRows } from './import/parseDatasetFile';

/**
 * Dataset files handed over as content (the API: a browser cannot pass a path, and the CLI reads
 * the file itself). `base64` carries the exact bytes, so invalid UTF-8 is reported with its line
 * instead of being replaced; `utf8` is text a client already decoded.
 */
export type ContentEncoding = 'utf8' | 'base64';

/** The content is not what its encoding says (a usage problem, not bad data). */
export class DatasetContentError extends Error {
  override name = 'DatasetContentError';
  readonly code = 'bad-request';
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function datasetBytes(content: string, encoding: ContentEncoding = 'utf8'): Uint8Array {
  if (encoding === 'utf8') return new TextEncoder().encode(content);
  const compact = content.replace(/\s+/g, '');
  if (compact.length % 4 === 1 || !BASE64.test(compact)) throw new DatasetContentError('content is not valid base64');
  return Buffer.from(compact, 'base64');
}

export interface ImportDatasetContentRequest {
  bytes: Uint8Array;
  name: string;
  format: DatasetFormat;
  mapping: FieldMapping;
}

/**
 * Validates the whole file and stores it content-addressed, all-or-nothing: with any error nothing
 * is written and every error comes back with its line or index. Content already stored writes
 * nothing and returns the existing row (`created: false`).
 */
export function importDatasetContent(db: Db, request: ImportDatasetContentRequest, clock: Clock): DatasetImportResult {
  const parsed = parseDatasetFile(request.bytes, request.format, request.mapping);
  if (!parsed.ok) return parsed;
  const stored = storeDataset(db, { name: request.name, format: request.format, items: parsed.items }, clock);
  return { ok: true, hash: stored.hash, created: stored.created, itemCount: parsed.items.length, dataset: stored.summary, warnings: parsed.warnings };
}

export interface PreviewDatasetRequest {
  bytes: Uint8Array;
  /** Absent: from `fileName`'s extension, else guessed from the first character of the content. */
  format?: DatasetFormat;
  fileName?: string;
  /** Keys left out are detected from the records; `idField: null` means "generate ids", never detect. */
  mapping?: { questionField?: string; answerField?: string; idField?: string | null; gold?: FieldMapping['gold'] };
  /** How many records and items to return (default 10). */
  rows?: number;
}

/** Field names tried, in order, case-insensitively, when the caller does not name the field. */
const QUESTION_FIELDS = ['question', 'problem', 'query', 'prompt', 'input', 'instruction', 'q'];
const ANSWER_FIELDS = ['answer', 'solution', 'target', 'output', 'label', 'gold', 'response', 'a'];
const ID_FIELDS = ['id', '_id', 'uid', 'uuid', 'qid', 'item_id', 'itemid', 'question_id', 'problem_id', 'example_id'];
/** Records looked at to decide whether answers are GSM8K solutions. */
const GOLD_SAMPLE = 50;
export const DEFAULT_PREVIEW_ROWS = 10;

/**
 * What importing the content would do, writing nothing: the format and mapping (the caller's, the
 * rest detected), the fields seen, the first records and items, every error and warning, and the
 * dataset already stored with the same content.
 */
export function previewDataset(db: Db, request: PreviewDatasetRequest): DatasetPreview {
  const rows = request.rows ?? DEFAULT_PREVIEW_ROWS;
  const fromName = request.fileName ? formatFromFileName(request.fileName) : null;
  const format = request.format ?? fromName ?? guessFormat(request.bytes);
  const formatFrom: DatasetPreview['formatFrom'] = request.format ? 'args' : fromName ? 'file-name' : 'content';
  const read = parseRows(request.bytes, format);
  const records = read.ok ? read.rows : [];
  const fields = fieldNames(records);
  const { mapping, detected } = resolveMapping(request.mapping ?? {}, fields, records);
  const base = { format, formatFrom, fields, mapping, detected, rowCount: records.length, sample: sampleOf(records, rows) };
  if (!read.ok) return { ...base, items: [], ok: false, itemCount: 0, errors: [read.error], warnings: [] };
  const parsed = mapParsedRows(read, mapping);
  if (!parsed.ok) return { ...base, items: [], ok: false, itemCount: 0, errors: parsed.errors, warnings: parsed.warnings };
  const hash = datasetContentHash(parsed.items);
  const existing = findDataset(db, hash);
  return {
    ...base,
    items: parsed.items.slice(0, rows),
    ok: true,
    itemCount: parsed.items.length,
    errors: [],
    warnings: parsed.warnings,
    hash,
    ...(existing && existing.hash === hash ? { existing } : {}),
  };
}

/** '[' starts a JSON array, '{' a JSON line; anything else is read as CSV. */
function guessFormat(bytes: Uint8Array): DatasetFormat {
  for (let i = 0; i < bytes.length && i < 4096; i++) {
    const byte = bytes[i]!;
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    if (i === 0 && byte === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      i += 2; // UTF-8 BOM
      continue;
    }
    return byte === 0x5b ? 'json' : byte === 0x7b ? 'jsonl' : 'csv';
  }
  return 'csv';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldNames(records: readonly RawRow[]): string[] {
  const seen = new Set<string>();
  for (const row of records) if (isRecord(row.record)) for (const key of Object.keys(row.record)) seen.add(key);
  return [...seen];
}

function sampleOf(records: readonly RawRow[], rows: number): DatasetRecordSample[] {
  return records.slice(0, rows).map((row) => ({ place: describeLocation(row.location), record: row.record }));
}

function pick(fields: readonly string[], candidates: readonly string[], exclude: ReadonlySet<string>): string | undefined {
  for (const candidate of candidates) {
    const found = fields.find((field) => field.toLowerCase() === candidate && !exclude.has(field));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A field every record has, non-empty and different in each: safe to take as the item id. */
function isUniqueKey(records: readonly RawRow[], field: string): boolean {
  const seen = new Set<string>();
  for (const row of records) {
    if (!isRecord(row.record)) return false;
    const value = row.record[field];
    if ((typeof value !== 'string' && typeof value !== 'number') || String(value).trim() === '') return false;
    const key = String(value).trim();
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return records.length > 0;
}

function resolveMapping(
  given: NonNullable<PreviewDatasetRequest['mapping']>,
  fields: readonly string[],
  records: readonly RawRow[],
): { mapping: FieldMapping; detected: DatasetMappingKey[] } {
  const detected: DatasetMappingKey[] = [];
  const taken = new Set<string>([given.questionField, given.answerField, given.idField].filter((f): f is string => typeof f === 'string'));
  const choose = (key: 'questionField' | 'answerField', candidates: readonly string[], fallback: string): string => {
    const value = given[key];
    if (value !== undefined) return value;
    const found = pick(fields, candidates, taken);
    if (found === undefined) return fallback; // not detected: the errors will say the field is missing
    taken.add(found);
    detected.push(key);
    return found;
  };
  const questionField = choose('questionField', QUESTION_FIELDS, 'question');
  const answerField = choose('answerField', ANSWER_FIELDS, 'answer');
  let idField: string | undefined;
  if (typeof given.idField === 'string') idField = given.idField;
  else if (given.idField === undefined) {
    const found = pick(fields, ID_FIELDS, taken);
    if (found !== undefined && isUniqueKey(records, found)) {
      idField = found;
      detected.push('idField');
    }
  }
  let gold = given.gold;
  if (gold === undefined) {
    const answers = records
      .slice(0, GOLD_SAMPLE)
      .map((row) => (isRecord(row.record) ? row.record[answerField] : undefined))
      .filter((value): value is string => typeof value === 'string' && value.trim() !== '');
    gold = answers.length > 0 && answers.every((answer) => gsm8kGold(answer) !== null) ? 'gsm8k' : 'raw';
    detected.push('gold');
  }
  return { mapping: { questionField, answerField, ...(idField !== undefined ? { idField } : {}), gold }, detected };
}
