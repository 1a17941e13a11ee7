/**
 * What the datasets methods of the API return (datasets.list, datasets.preview, datasets.import).
 * Plain data: every value survives structured clone and JSON.
 */
import type { DatasetItem } from '../datasets/datasetItem';
import type { DatasetFormat, FieldMapping, ImportIssue } from '../datasets/datasetImport';

/** A stored dataset's header row (content-addressed: same items, same hash). */
export interface DatasetSummary {
  /** sha256 of the items (shared/datasets/datasetContentHash.ts); what a run config may name. */
  hash: string;
  name: string;
  format: DatasetFormat;
  itemCount: number;
  /** ISO time it was first imported. */
  createdAt: string;
}

/** One record of the file as parsed, before mapping: what the columns hold. */
export interface DatasetRecordSample {
  /** Where it is in the file: "line 3" (JSONL, CSV) or "item [2]" (JSON). */
  place: string;
  /** The record as read (CSV: every cell as text); not necessarily an object in a broken file. */
  record: unknown;
}

/** Which part of the mapping (or the format) was taken from the caller, and which was worked out. */
export type DatasetMappingKey = keyof FieldMapping;

export interface DatasetPreview {
  /** The format used: the caller's, else the file name's extension, else guessed from the content. */
  format: DatasetFormat;
  formatFrom: 'args' | 'file-name' | 'content';
  /** Field names seen in the records, in order of first appearance (CSV: the header's columns). */
  fields: string[];
  /** The complete mapping used: the caller's keys, the rest detected from `fields` (see `detected`). */
  mapping: FieldMapping;
  /** Mapping keys that were detected rather than given. `idField` absent and not detected: ids are generated. */
  detected: DatasetMappingKey[];
  /** Records parsed (rows lost to syntax errors are not counted). */
  rowCount: number;
  /** The first records as parsed, at most `rows` of them. */
  sample: DatasetRecordSample[];
  /** The first items as `datasets.import` would store them, at most `rows`; empty when the file has errors. */
  items: DatasetItem[];
  /** True when `datasets.import` with this format and mapping would store the file. */
  ok: boolean;
  /** Items the import would store (0 when there are errors). */
  itemCount: number;
  /** Every problem that stops the import (with its line or array index), and every warning. */
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Content hash of the items, when ok. */
  hash?: string;
  /** The dataset already stored with the same content, when there is one: importing writes nothing. */
  existing?: DatasetSummary;
}

/** All-or-nothing: stored (or already there), or every error and nothing written. */
export type DatasetImportResult =
  | {
      ok: true;
      hash: string;
      /** False when the same content was already stored: nothing was written. */
      created: boolean;
      itemCount: number;
      /** The stored row (for content already there: its original name, format and time). */
      dataset: DatasetSummary;
      warnings: ImportIssue[];
    }
  | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[] };
