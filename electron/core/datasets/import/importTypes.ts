import type { DatasetItem } from '../../../../shared/datasets/datasetItem';

export type DatasetFormat = 'jsonl' | 'json' | 'csv';

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

/** One parsed record before mapping and validation. */
export interface RawRow {
  location: RowLocation;
  record: unknown;
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

/** All-or-nothing result of reading a file: items only when there are no errors. */
export type ParsedDataset =
  | { ok: true; items: DatasetItem[]; warnings: ImportIssue[] }
  | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[] };
