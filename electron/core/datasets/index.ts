/**
 * The datasets API the engine, the API layer and the CLI use. See README.md in this folder.
 */
export { loadBuiltinDataset, builtinDatasetNames, findBuiltinDatasetsDir, type BuiltinDatasetName } from './loadBuiltinDataset';
export { loadDataset, findDataset, listDatasets, storeDataset, type DatasetSummary, type StoreDatasetResult } from './datasetStore';
export { importDatasetFile, readDatasetFile, DatasetFileError, type ImportDatasetRequest, type ImportDatasetResult } from './importDatasetFile';
export { parseDatasetFile, parseRows, mapParsedRows, formatFromFileName } from './import/parseDatasetFile';
export { datasetBytes, importDatasetContent, previewDataset, DatasetContentError, DEFAULT_PREVIEW_ROWS, type ContentEncoding, type PreviewDatasetRequest } from './datasetContent';
export { formatIssue, type DatasetFormat, type FieldMapping, type ImportIssue, type ParsedDataset } from './import/importTypes';
export { resolveSplit, pickItems, splitHash, SplitError } from '../../../shared/datasets/resolveSplit';
export { splitPresets, PAPER_FULL_VALIDATION_POOL } from '../../../shared/datasets/splitPresets';
export { splitSpecSchema, type SplitSpec, type SplitSpecInput, type SplitResult } from '../../../shared/datasets/splitSpec';
export type { Dataset, DatasetItem, DatasetParts } from '../../../shared/datasets/datasetItem';
export { createScorer, scorerConfigSchema, scorerNames, scorerDescriptions, type ScorerConfig } from '../../../shared/scoring/scorerRegistry';
