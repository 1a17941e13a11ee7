import type { RebuildReport, RunImportResult, VerifyReport } from '../../shared/api/contract';
import type { DatasetImportResult, DatasetPreview, DatasetSummary } from '../../shared/api/datasetViews';
import type { ApiArgs } from '../../shared/api/contract';
import type { ApiError, ApiResult } from '../../shared/api/result';
import { saveTextFile } from '../files/saveTextFile';
import type { SliceContext } from './appStore';

/** Datasets, run files and maintenance: what the core offers besides runs, each one contract call. */
export interface LibrarySlice {
  datasets: DatasetSummary[];
  datasetsLoaded: boolean;
  datasetsError: ApiError | null;
  loadDatasets(): Promise<void>;
  previewDataset(args: ApiArgs<'datasets.preview'>): Promise<ApiResult<DatasetPreview>>;
  /** Imports; refreshes the list when something was stored. */
  importDataset(args: ApiArgs<'datasets.import'>): Promise<ApiResult<DatasetImportResult>>;
  /** Asks the core for the run's export file and offers it as a download; false (with a notice) on failure. */
  exportRun(runId: string): Promise<boolean>;
  /** Imports an export file's runs; refreshes the runs list. */
  importRuns(content: string): Promise<ApiResult<RunImportResult>>;
  verifyStore(): Promise<ApiResult<VerifyReport>>;
  rebuildStore(): Promise<ApiResult<RebuildReport>>;
}

export function createLibrarySlice({ set, get, client }: SliceContext): LibrarySlice {
  return {
    datasets: [],
    datasetsLoaded: false,
    datasetsError: null,
    async loadDatasets() {
      const result = await client.call('datasets.list', {});
      if (result.ok) set({ datasets: result.value, datasetsLoaded: true, datasetsError: null });
      else set({ datasetsLoaded: true, datasetsError: result.error });
    },
    previewDataset: (args) => client.call('datasets.preview', args),
    async importDataset(args) {
      const result = await client.call('datasets.import', args);
      if (result.ok && result.value.ok) await get().loadDatasets();
      return result;
    },
    async exportRun(runId) {
      const result = await client.call('runs.export', { runId });
      if (!result.ok) {
        get().showNotice(result.error);
        return false;
      }
      saveTextFile(result.value.fileName, result.value.content);
      return true;
    },
    async importRuns(content) {
      const result = await client.call('runs.import', { content });
      if (result.ok) await get().loadRuns();
      return result;
    },
    verifyStore: () => client.call('store.verify', {}),
    rebuildStore: () => client.call('store.rebuild', {}),
  };
}
