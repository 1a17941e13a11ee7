import type { ApiHandlers, ApiParsedArgs, AppInfo, ConnectionReportView, RebuildReport, RunImportResult, VerifyReport } from '../../../shared/api/contract';
import type { CompareReport } from '../../../shared/api/compareViews';
import type { DatasetImportResult, DatasetPreview, DatasetSummary } from '../../../shared/api/datasetViews';
import { MAX_EVENTS_PAGE } from '../../../shared/api/contract';
import type { RunService } from '../runs/runService';
import type { TimelineQueries } from '../timeline';
import type { ExperimentService } from '../experiments/createExperimentService';

/** What the API needs from the rest of core. The composition root provides it (see fromCore). */
export interface ApiCoreDeps {
  runs: RunService;
  /** The run view's read side (timeline index, versions, series, events, provenance, search). */
  timeline: TimelineQueries;
  /** Walks the event log's hash chain. */
  verifyStore: () => VerifyReport;
  /** Rebuilds every projection and checksums their tables; absent in cores without a store (test fakes). */
  rebuildStore?: () => RebuildReport;
  /** A run's export file as text (electron/core/exchange); absent in cores without a store. */
  exportRun?: (runId: string) => { content: string; eventCount: number };
  /** Imports an export file, all or nothing (electron/core/exchange); absent in cores without a store. */
  importRun?: (content: string) => RunImportResult;
  /** Imported datasets (electron/core/datasets); absent in cores without a database. */
  datasets?: {
    list: () => DatasetSummary[];
    preview: (args: ApiParsedArgs<'datasets.preview'>) => DatasetPreview;
    import: (args: ApiParsedArgs<'datasets.import'>) => DatasetImportResult;
  };
  /** Probes an LLM endpoint; absent when no gateway is configured in this process. */
  testConnection?: (endpoint: string) => Promise<ConnectionReportView>;
  /** Probes an endpoint described in full (validated like a config's); absent without a gateway. */
  testEndpoint?: (endpoint: Record<string, unknown>) => Promise<ConnectionReportView>;
  /** The compare report of runs (electron/core/compare); absent in cores without one (test fakes). */
  compare?: (runIds: readonly string[]) => Promise<CompareReport>;
  /** Experiments (electron/core/experiments); absent in cores without a store (test fakes). */
  experiments?: ExperimentService;
  /** Static facts about this process, minus the transport (each transport adds its own). */
  info: () => Omit<AppInfo, 'transport'>;
  /**
   * Config keys this process fills in for `runs.start` when the caller leaves them out, e.g. the
   * built-in simulator's endpoint when `remo web --simulator` started one. The caller's keys win.
   */
  defaultRunConfig?: () => Record<string, unknown>;
}

/**
 * What the core says to keys.*: keys are kept by the desktop app's main process (OS-encrypted) and
 * answered there before a call reaches the core; any host that lets them through has no key store.
 */
export const KEYS_UNAVAILABLE_MESSAGE = "API keys are kept by the desktop app; here use an environment variable named in the endpoint's apiKeyEnv";

function keysUnavailable(): never {
  throw Object.assign(new Error(KEYS_UNAVAILABLE_MESSAGE), { code: 'unavailable' });
}

/** The error a handler throws for a dependency this process does not have. */
function unavailable(what: string): Error {
  return Object.assign(new Error(`${what} is not available in this process`), { code: 'unavailable' });
}

/** A download name for a run's export: `remo-run-<runId>.jsonl`, with only file-name-safe characters. */
export function exportFileName(runId: string): string {
  return `remo-run-${runId.replace(/[^A-Za-z0-9._-]/g, '_')}.jsonl`;
}

/** Default page size of runs.events when the caller gives none. */
export const DEFAULT_EVENTS_PAGE = 200;

/**
 * Implements the contract on top of the RunService. Thin on purpose: the RunService owns domain
 * truth; this only adapts shapes (paging, acknowledgements) and never catches errors (the
 * dispatcher turns them into envelopes).
 */
export function createApiHandlers(deps: ApiCoreDeps, transport: AppInfo['transport']): ApiHandlers {
  const { runs } = deps;
  const experiments = () => {
    if (!deps.experiments) throw unavailable('experiments');
    return deps.experiments;
  };
  const withBaseDefaults = (config: Record<string, unknown>): Record<string, unknown> => {
    const base = config.base;
    if (typeof base !== 'object' || base === null || Array.isArray(base)) return config;
    return { ...config, base: { ...(deps.defaultRunConfig?.() ?? {}), ...base } };
  };
  return {
    'app.info': () => ({ ...deps.info(), transport }),
    'store.verify': () => deps.verifyStore(),
    'store.rebuild': () => {
      if (!deps.rebuildStore) throw unavailable('rebuilding projections');
      return deps.rebuildStore();
    },
    'llm.testConnection': async ({ endpoint }) => {
      if (!deps.testConnection) {
        throw Object.assign(new Error('no LLM gateway is configured in this process'), { code: 'unavailable' });
      }
      return deps.testConnection(endpoint);
    },
    'runs.list': ({ includeArchived }) => runs.list({ includeArchived: includeArchived === true }),
    'runs.summary': ({ runId }) => runs.summary(runId),
    'runs.stateAt': ({ runId, at }) => runs.stateAt(runId, at),
    'runs.events': ({ runId, afterPosition, limit }) => {
      const pageSize = Math.min(limit ?? DEFAULT_EVENTS_PAGE, MAX_EVENTS_PAGE);
      // Ask for one extra event to know whether another page exists without a second query.
      const events = runs.events(runId, { afterPosition: afterPosition ?? 0, limit: pageSize + 1 });
      const page = events.slice(0, pageSize);
      const last = page[page.length - 1];
      return { events: page, nextAfterPosition: events.length > pageSize && last ? last.globalPosition : null };
    },
    'runs.timeline': ({ runId, afterPosition }) => deps.timeline.timeline(runId, afterPosition),
    'runs.versions': ({ runId }) => deps.timeline.versions(runId),
    'runs.metrics': ({ runId, afterPosition }) => deps.timeline.metrics(runId, afterPosition),
    'runs.event': ({ runId, position }) => deps.timeline.event(runId, position),
    'runs.provenance': ({ runId, kind, position }) => deps.timeline.provenance(runId, kind, position),
    'runs.searchNotebook': ({ runId, at, query, k }) => {
      runs.summary(runId);
      return deps.timeline.searchNotebook(runId, at, query, k ?? 10);
    },
    'runs.compare': ({ runIds }) => {
      if (!deps.compare) throw Object.assign(new Error('comparing runs is not available in this process'), { code: 'unavailable' });
      for (const runId of runIds) runs.summary(runId); // not-found names the unknown run
      return deps.compare(runIds);
    },
    'runs.rename': ({ runId, name }) => runs.rename(runId, name),
    'runs.archive': ({ runId, archived }) => runs.archive(runId, archived),
    'runs.progress': ({ runId }) => runs.progress(runId),
    // The same defaults runs.start would merge in, so "valid" means "start would accept it".
    'runs.validateConfig': ({ config, checkData }) =>
      runs.validateConfig({ ...(deps.defaultRunConfig?.() ?? {}), ...config }, checkData === false ? { checkData: false } : {}),
    'llm.testEndpoint': async ({ endpoint }) => {
      if (!deps.testEndpoint) {
        throw Object.assign(new Error('no LLM gateway is configured in this process'), { code: 'unavailable' });
      }
      return deps.testEndpoint(endpoint);
    },
    'runs.start': ({ config }) => runs.start({ ...(deps.defaultRunConfig?.() ?? {}), ...config }),
    'runs.pause': ({ runId }) => {
      runs.summary(runId); // not-found for an unknown run, instead of a silent no-op
      runs.requestPause(runId);
      return { requested: true } as const;
    },
    'runs.resume': ({ runId, overrides }) => runs.resume(runId, overrides),
    'runs.stop': ({ runId }) => {
      runs.summary(runId);
      runs.requestStop(runId);
      return { requested: true } as const;
    },
    'runs.fork': ({ runId, at, overrides }) => runs.fork(runId, at, overrides ?? {}),
    'keys.status': keysUnavailable,
    'keys.set': keysUnavailable,
    'keys.delete': keysUnavailable,
    'runs.export': ({ runId }) => {
      if (!deps.exportRun) throw unavailable('exporting runs');
      runs.summary(runId); // not-found for an unknown run (and for streams that are not runs)
      const { content, eventCount } = deps.exportRun(runId);
      return { runId, fileName: exportFileName(runId), content, eventCount };
    },
    'runs.import': ({ content }) => {
      if (!deps.importRun) throw unavailable('importing runs');
      return deps.importRun(content);
    },
    'datasets.list': () => {
      if (!deps.datasets) throw unavailable('datasets');
      return deps.datasets.list();
    },
    'datasets.preview': (args) => {
      if (!deps.datasets) throw unavailable('datasets');
      return deps.datasets.preview(args);
    },
    'datasets.import': (args) => {
      if (!deps.datasets) throw unavailable('datasets');
      return deps.datasets.import(args);
    },
    // An experiment's base takes the same defaults runs.start merges in (e.g. `remo web --simulator`'s endpoint).
    'experiments.plan': ({ config }) => experiments().plan(withBaseDefaults(config)),
    'experiments.start': ({ config }) => experiments().start(withBaseDefaults(config)),
    'experiments.list': () => experiments().list(),
    'experiments.show': ({ experimentId }) => experiments().show(experimentId),
    'experiments.resume': ({ experimentId }) => experiments().resume(experimentId),
  };
}
