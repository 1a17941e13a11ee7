/**
 * What importing a dataset file is about, in words both sides share: the file formats, how file
 * fields map onto items, and the problems found in a file (with where they are). Pure: the parsers
 * live in electron/core/datasets/import; the CLI and the renderer format the issues they get back.
 */

export const DATASET_FORMATS = ['jsonl', 'json', 'csv'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** Where a row came from, for messages: a file line (JSONL, CSV) or an array index (JSON). */
export type RowLocation = { kind: 'line'; line: number } | { kind: 'index'; index: number };

export function describeLocation(location: RowLocation): string {
  return location.kind === 'line' ? `line ${location.line}` : `item [${location.index}]`;
}

/** A problem found in the file; `location` is absent for whole-file problems (empty, bad UTF-8 header...). */
export interface ImportIssue {
  location?: RowLocation;
  message: string;
}

export function formatIssue(issue: ImportIssue): string {
  return issue.location ? `${describeLocation(issue.location)}: ${issue.message}` : issue.message;
}

/** How file fields map onto items, and how the gold answer is read. */
export interface FieldMapping {
  questionField: string;
  answerField: string;
  /** Without it, ids are generated: `item-<ordinal>` (0-based). */
  idField?: string;
  /** 'gsm8k': the answer field is a GSM8K solution; gold = the number after ####. 'raw': as is. */
  gold: 'gsm8k' | 'raw';
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
 * Bounds on what an import accepts, each refused with a message that says which and where.
 * - maxFileBytes: checked from the size before the file is read (128 MiB; GSM8K's train file is
 *   4 MB, and the web host's 256 MiB body limit still fits its base64).
 * - maxLineChars: one JSONL line (one item), before it is parsed.
 * - field lengths, in characters after trimming: long enough for any benchmark question or
 *   worked solution, short enough that a broken file (a whole book in one cell) is not taken silently.
 */
export interface DatasetLimits {
  maxFileBytes: number;
  maxLineChars: number;
  maxQuestionChars: number;
  maxAnswerChars: number;
  maxIdChars: number;
}

export const DATASET_LIMITS: Readonly<DatasetLimits> = Object.freeze({
  maxFileBytes: 128 * 1024 * 1024,
  maxLineChars: 4 * 1024 * 1024,
  maxQuestionChars: 100_000,
  maxAnswerChars: 100_000,
  maxIdChars: 200,
});

/** 1536 -> "1.5 KiB", 629145600 -> "600.0 MiB", 1000 -> "1000 B". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** The limit in its own words: exact binary multiples read "128 MiB", others as formatBytes. */
function formatLimit(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return formatBytes(bytes);
}

export function fileTooLargeMessage(size: number, limit: number): string {
  return `the file is too large: ${formatBytes(size)} (${size} bytes); the limit is ${formatLimit(limit)} for a dataset import`;
}
