import type { ApiHandlers, AppInfo, ConnectionReportView, VerifyReport } from '../../../shared/api/contract';
import { MAX_EVENTS_PAGE } from '../../../shared/api/contract';
import type { RunService } from '../runs/runService';
import type { TimelineQueries } from '../timeline';

/** What the API needs from the rest of core. The composition root provides it (see fromCore). */
export interface ApiCoreDeps {
  runs: RunService;
  /** The run view's read side (timeline index, versions, series, events, provenance, search). */
  timeline: TimelineQueries;
  /** Walks the event log's hash chain. */
  verifyStore: () => VerifyReport;
  /** Probes an LLM endpoint; absent when no gateway is configured in this process. */
  testConnection?: (endpoint: string) => Promise<ConnectionReportView>;
  /** Static facts about this process, minus the transport (each transport adds its own). */
  info: () => Omit<AppInfo, 'transport'>;
  /**
   * Config keys this process fills in for `runs.start` when the caller leaves them out, e.g. the
   * built-in simulator's endpoint when `remo web --simulator` started one. The caller's keys win.
   */
  defaultRunConfig?: () => Record<string, unknown>;
}

/** Placeholder while a method is being built: a clear `unavailable`, never a crash. */
function notYet(method: string): never {
  throw Object.assign(new Error(`${method} is not available in this build yet`), { code: 'unavailable' });
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
  return {
    'app.info': () => ({ ...deps.info(), transport }),
    'store.verify': () => deps.verifyStore(),
    'llm.testConnection': async ({ endpoint }) => {
      if (!deps.testConnection) {
        throw Object.assign(new Error('no LLM gateway is configured in this process'), { code: 'unavailable' });
      }
      return deps.testConnection(endpoint);
    },
    'runs.list': () => runs.list(),
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
    'runs.metrics': ({ runId }) => deps.timeline.metrics(runId),
    'runs.event': ({ runId, position }) => deps.timeline.event(runId, position),
    'runs.provenance': ({ runId, kind, position }) => deps.timeline.provenance(runId, kind, position),
    'runs.searchNotebook': ({ runId, at, query, k }) => {
      runs.summary(runId);
      return deps.timeline.searchNotebook(runId, at, query, k ?? 10);
    },
    'runs.compare': () => notYet('runs.compare'),
    'runs.rename': () => notYet('runs.rename'),
    'runs.archive': () => notYet('runs.archive'),
    'runs.progress': () => notYet('runs.progress'),
    'runs.validateConfig': () => notYet('runs.validateConfig'),
    'llm.testEndpoint': () => notYet('llm.testEndpoint'),
    'runs.start': ({ config }) => runs.start({ ...(deps.defaultRunConfig?.() ?? {}), ...config }),
    'runs.pause': ({ runId }) => {
      runs.summary(runId); // not-found for an unknown run, instead of a silent no-op
      runs.requestPause(runId);
      return { requested: true } as const;
    },
    'runs.resume': ({ runId }) => runs.resume(runId),
    'runs.stop': ({ runId }) => {
      runs.summary(runId);
      runs.requestStop(runId);
      return { requested: true } as const;
    },
    'runs.fork': ({ runId, at, overrides }) => runs.fork(runId, at, overrides ?? {}),
  };
}
