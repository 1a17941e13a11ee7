import { readFileSync, statSync } from 'node:fs';
import { DATASET_LIMITS, fileTooLargeMessage } from '../../../shared/datasets/datasetImport';
import type { Clock, Db } from '../store/types';
import { storeDataset, type DatasetSummary } from './datasetStore';
import type { DatasetFormat, FieldMapping, ImportIssue, ParsedDataset } from './import/importTypes';
import { parseDatasetFile } from './import/parseDatasetFile';

export interface ImportDatasetRequest {
  path: string;
  name: string;
  format: DatasetFormat;
  mapping: FieldMapping;
}

export type ImportDatasetResult =
  | { ok: true; hash: string; created: boolean; itemCount: number; summary: DatasetSummary; warnings: ImportIssue[] }
  | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[] };

/** The file to import is missing or not a regular file (a usage problem, not bad data). */
export class DatasetFileError extends Error {
  override name = 'DatasetFileError';
}

/**
 * Reads, validates and stores a dataset file. All-or-nothing: when the file has any error the
 * database is not touched and every error is returned with its line / index. Importing content
 * that is already stored writes nothing and returns the existing hash (`created: false`).
 */
export function importDatasetFile(db: Db, request: ImportDatasetRequest, clock: Clock): ImportDatasetResult {
  const parsed = readDatasetFile(request);
  if (!parsed.ok) return parsed;
  const stored = storeDataset(db, { name: request.name, format: request.format, items: parsed.items }, clock);
  return {
    ok: true,
    hash: stored.hash,
    created: stored.created,
    itemCount: parsed.items.length,
    summary: stored.summary,
    warnings: parsed.warnings,
  };
}

/**
 * Reads and validates a dataset file without touching any database (the CLI calls it before it
 * even opens one, so a bad file creates nothing). Throws DatasetFileError when the file is missing.
 */
export function readDatasetFile(request: Pick<ImportDatasetRequest, 'path' | 'format' | 'mapping'>): ParsedDataset {
  let bytes: Uint8Array;
  try {
    const stat = statSync(request.path);
    if (!stat.isFile()) throw new DatasetFileError(`not a file: ${request.path}`);
    // From the size, before reading: a file over the limit is never loaded.
    if (stat.size > DATASET_LIMITS.maxFileBytes) return { ok: false, errors: [{ message: fileTooLargeMessage(stat.size, DATASET_LIMITS.maxFileBytes) }], warnings: [] };
    bytes = readFileSync(request.path);
  } catch (error) {
    if (error instanceof DatasetFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatasetFileError(code === 'ENOENT' ? `no such file: ${request.path}` : `cannot read ${request.path}: ${String(error)}`);
  }
  return parseDatasetFile(bytes, request.format, request.mapping);
}
