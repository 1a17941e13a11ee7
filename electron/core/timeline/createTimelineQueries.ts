import type { RunPoint } from '../../../shared/api/runViews';
import type { EventDetail, MetricSeries, NotebookHit, ProvenanceView, TimelineIndex, VersionView } from '../../../shared/api/timelineViews';
import type { RunConfig } from '../../../shared/config/runConfig';
import type { DatasetItem } from '../../../shared/datasets/datasetItem';
import { resolveRunPoint } from '../engine/resolveRunPoint';
import { viewStateAt } from '../engine/stateAt';
import type { EventStore } from '../store/types';
import { readEventAt } from './readEventAt';
import { readMetricSeries } from './readMetricSeries';
import { readProvenance } from './readProvenance';
import { readTimelineIndex } from './readTimelineIndex';
import { readVersions } from './readVersions';
import { searchNotebook } from './searchNotebook';

/** Embeds a search text the way `config`'s notebook embeds questions (same embedder, same dimension). */
export type EmbedQuery = (config: RunConfig, text: string) => Promise<Float32Array>;
/** The dataset items of a run's config by id (question and gold), for events that name an item. */
export type ItemsOf = (config: RunConfig) => Promise<ReadonlyMap<string, DatasetItem>>;

/** The item, or undefined when the dataset can no longer be loaded (it changed or was removed). */
async function lookupItem(itemsOf: ItemsOf, config: RunConfig, itemId: string): Promise<DatasetItem | undefined> {
  try {
    return (await itemsOf(config)).get(itemId);
  } catch {
    return undefined;
  }
}

/** A missing run or position, reported as the contract's `not-found`. */
function notFound(message: string): Error {
  return Object.assign(new Error(message), { code: 'not-found' });
}

/** The run view's read side: what the timeline, the inspector, the charts and provenance ask. */
export interface TimelineQueries {
  timeline(runId: string, afterPosition?: number): TimelineIndex;
  versions(runId: string): VersionView[];
  metrics(runId: string, afterPosition?: number): MetricSeries;
  event(runId: string, position: number): Promise<EventDetail>;
  provenance(runId: string, kind: 'prompt' | 'optimizer', position: number): ProvenanceView;
  searchNotebook(runId: string, at: RunPoint, query: string, k: number): Promise<NotebookHit[]>;
}

export function createTimelineQueries(store: EventStore, embedQuery: EmbedQuery, itemsOf?: ItemsOf): TimelineQueries {
  const known = <T>(value: T | null | undefined, runId: string): T => {
    if (value === null || value === undefined) throw notFound(`no run "${runId}"`);
    return value;
  };
  return {
    timeline: (runId, afterPosition = 0) => known(readTimelineIndex(store.db, runId, afterPosition), runId),
    versions: (runId) => known(readVersions(store.db, runId), runId),
    metrics: (runId, afterPosition = 0) => known(readMetricSeries(store.db, runId, afterPosition), runId),
    async event(runId, position) {
      known(readVersions(store.db, runId), runId);
      const detail = readEventAt(store, runId, position);
      if (!detail) throw notFound(`position ${position} is not part of run ${runId}'s log`);
      const itemId = (detail.event.data as { itemId?: unknown }).itemId;
      if (typeof itemId !== 'string' || !itemsOf) return detail;
      const config = viewStateAt(store, runId, position).state.config;
      const item = config ? await lookupItem(itemsOf, config, itemId) : undefined;
      return item ? { ...detail, item: { id: item.id, question: item.question, answer: item.answer } } : detail;
    },
    provenance(runId, kind, position) {
      known(readVersions(store.db, runId), runId);
      const view = readProvenance(store, runId, kind, position);
      if (!view) throw notFound(`no ${kind === 'prompt' ? 'prompt' : 'optimizer'} version was made at position ${position} of run ${runId}`);
      return view;
    },
    async searchNotebook(runId, at, query, k) {
      const position = resolveRunPoint(store, runId, at);
      const { state } = viewStateAt(store, runId, position);
      const config = known(state.config, runId);
      const vector = await embedQuery(config, query);
      return searchNotebook(store.db, runId, state.notebook, vector, k);
    },
  };
}
