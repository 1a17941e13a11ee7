import type { DatasetItem } from '../../../../shared/datasets/datasetItem';
import type { ImportIssue, RowLocation } from '../../../../shared/datasets/datasetImport';

// The shared words (formats, mapping, issues) live in shared/ so the CLI and the renderer format
// the issues the API returns; re-exported here for the parsers.
export {
  describeLocation,
  formatIssue,
  type DatasetFormat,
  type DatasetLimits,
  type FieldMapping,
  type ImportIssue,
  type RowLocation,
} from '../../../../shared/datasets/datasetImport';

/** One parsed record before mapping and validation. */
export interface RawRow {
  location: RowLocation;
  record: unknown;
}

/** All-or-nothing result of reading a file: items only when there are no errors. */
export type ParsedDataset =
  | { ok: true; items: DatasetItem[]; warnings: ImportIssue[] }
  | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[] };
