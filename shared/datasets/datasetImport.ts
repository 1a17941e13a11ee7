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
