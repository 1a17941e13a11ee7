import type { DatasetRef } from '../../../shared/config/runConfig';
import type { Dataset } from '../../../shared/datasets/datasetItem';
import { loadBuiltinDataset, loadDataset } from '../datasets';
import type { DatasetSource } from '../engine/engineDeps';
import type { Db } from '../store/types';

/** The engine's dataset lookup: the built-in GSM8K copy, or a dataset imported into this database. */
export function createDatasetSource(db: Db, builtinDatasetsDir?: string): DatasetSource {
  return {
    load(ref: DatasetRef): Dataset {
      if (ref === 'gsm8k') return loadBuiltinDataset('gsm8k', builtinDatasetsDir ? { datasetsDir: builtinDatasetsDir } : {});
      return loadDataset(db, 'hash' in ref ? ref.hash : ref.name);
    },
  };
}
