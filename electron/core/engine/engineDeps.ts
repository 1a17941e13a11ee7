import type { Dataset } from '../../../shared/datasets/datasetItem';
import type { DatasetRef } from '../../../shared/config/runConfig';
import type { LlmGateway } from '../llm/types';
import type { Clock, EventStore } from '../store/types';

/** Finds a dataset by reference: the built-in GSM8K, or an imported one by content hash or name. */
export interface DatasetSource {
  load(ref: DatasetRef): Dataset | Promise<Dataset>;
}

/** Everything the engine touches outside pure code; injected so runs are reproducible in tests. */
export interface EngineDeps {
  store: EventStore;
  /** The gateway bound to the run's endpoints and roles (see `gatewayConfigFor`). */
  llm: LlmGateway;
  clock: Clock;
  datasets: DatasetSource;
  newRunId: () => string;
  /** Folder holding the prompt templates; default: resources/prompts found from this file or the cwd. */
  promptsDir?: string;
}
