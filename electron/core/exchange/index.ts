/** Export and import of runs as JSONL files (see exchangeFormat.ts for the format). */
export { exportRunLines, exportRunText, collectRunHistory } from './exportRun';
export { importRunLines, ImportConflictError, type ImportDeps, type ImportResult } from './importRun';
export { ExchangeFormatError, EXCHANGE_FORMAT, EXCHANGE_VERSION } from './exchangeFormat';
