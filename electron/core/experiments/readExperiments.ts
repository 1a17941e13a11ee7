import { EXPERIMENT_STREAM_ID, type ExperimentCreatedData, type ExperimentRunAddedData } from '../../../shared/experiments/experimentEvents';
import type { EventStore } from '../store/types';

/** An experiment as its events say: what was created, when, and which run holds each cell. */
export interface RecordedExperiment {
  created: ExperimentCreatedData;
  createdAt: string;
  /** Cell index -> run id. */
  members: Map<number, string>;
}

/**
 * Folds the `$experiments` stream. Experiments are few and their events small, so they are read
 * from the log on demand rather than kept in a projection table: nothing to rebuild or drift.
 */
export function readExperiments(store: EventStore): Map<string, RecordedExperiment> {
  const experiments = new Map<string, RecordedExperiment>();
  for (const event of store.readStream(EXPERIMENT_STREAM_ID)) {
    if (event.type === 'ExperimentCreated') {
      const data = event.data as ExperimentCreatedData;
      experiments.set(data.experimentId, { created: data, createdAt: event.recordedAt, members: new Map() });
    } else if (event.type === 'ExperimentRunAdded') {
      const data = event.data as ExperimentRunAddedData;
      experiments.get(data.experimentId)?.members.set(data.cell, data.runId);
    }
  }
  return experiments;
}
