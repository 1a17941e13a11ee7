/**
 * The one typed API between REMO Studio's core and its clients (renderer, CLI, tests).
 * The same map is served over three transports: in-process (electron/core/api), the loopback
 * web host (electron/host: POST /api/<method>, WebSocket /events) and Electron IPC
 * (electron/main + electron/preload: one invoke channel, one push channel).
 *
 * Every method's arguments have a zod schema here; every transport parses incoming arguments with
 * it before the core sees them, so a malformed payload becomes a `bad-request` envelope, never a
 * crash. Results are typed (not re-validated: they come from our own core).
 */
import { z } from 'zod';
import type { StoredEvent } from '../events/envelope';
import type { RunStateView, RunSummary } from './runViews';
import type { CompareReport } from './compareViews';
import type { RunProgressView } from './runProgress';
import type { EventDetail, MetricSeries, NotebookHit, ProvenanceView, TimelineIndex, VersionView } from './timelineViews';
import type { DatasetImportResult, DatasetPreview, DatasetSummary } from './datasetViews';
import { DATASET_FORMATS } from '../datasets/datasetImport';
import type { ExperimentPlan, ExperimentSummary, ExperimentView } from './experimentViews';

const runId = z.string().min(1, 'runId must not be empty').max(200);
const experimentId = z.string().min(1, 'experimentId must not be empty').max(200);

/** Schema of `RunPoint` (runViews.ts): a global position, the end of an epoch, or 'end'. */
export const runPointSchema = z.union([
  z.object({ position: z.number().int().min(0) }).strict(),
  z.object({ epoch: z.number().int().min(0) }).strict(),
  z.literal('end'),
]);

/** Largest page `runs.events` returns; bigger requests are refused so one call stays cheap. */
export const MAX_EVENTS_PAGE = 1000;
/** Most hits `runs.searchNotebook` returns. */
export const MAX_NOTEBOOK_HITS = 50;
/** Most records and items `datasets.preview` returns. */
export const MAX_PREVIEW_ROWS = 100;

/**
 * Methods whose arguments carry a whole file's content (an exported run, a dataset). A browser
 * cannot pass a path, so files travel as content over every transport; the web host accepts
 * larger request bodies for these methods only (electron/host/startWebHost.ts).
 */
export const FILE_CONTENT_METHODS = ['runs.import', 'datasets.preview', 'datasets.import'] as const;

const fieldName = z.string().min(1, 'a field name must not be empty').max(200);
const goldMode = z.enum(['gsm8k', 'raw']);
/**
 * How a dataset file's content is passed: `utf8` text (what a browser's File.text() gives), or
 * `base64` of the exact bytes (what the CLI sends), so invalid UTF-8 is reported with its line
 * rather than silently replaced. Default `utf8`.
 */
const contentEncoding = z.enum(['utf8', 'base64']).optional();

/** An endpoint's name as run configs spell it (the key store is keyed by it). */
const endpointName = z.string().min(1, 'an endpoint name must not be empty').max(200);
/**
 * An API key: it goes into an HTTP Authorization header, so printable ASCII without spaces is all a
 * real key can be; bounded so a paste of the wrong clipboard is refused, not stored.
 */
export const API_KEY_MAX = 4096;
const apiKey = z.string().min(1, 'the key is empty').max(API_KEY_MAX, `a key is at most ${API_KEY_MAX} characters`).regex(/^[\x21-\x7e]+$/, 'a key is printable ASCII without spaces or line breaks');

/** Argument schemas, one per method. The keys are the method names, and the contract. */
export const apiArgSchemas = {
  /** Version, database path and whether the configured LLM endpoints are the built-in simulator. */
  'app.info': z.object({}).strict(),
  /** Walks the event log's hash chain. */
  'store.verify': z.object({}).strict(),
  /** Truncates and replays every projection from the log (one transaction), then checksums the read models. */
  'store.rebuild': z.object({}).strict(),
  /** Probes one configured LLM endpoint (reachability, model list, thinking switch). */
  'llm.testConnection': z.object({ endpoint: z.string().min(1) }).strict(),
  /** Runs, newest first; archived runs only when asked. */
  'runs.list': z.object({ includeArchived: z.boolean().optional() }).strict(),
  'runs.summary': z.object({ runId }).strict(),
  'runs.stateAt': z.object({ runId, at: runPointSchema }).strict(),
  /** A page of a run's logical events (fork parents included), oldest first. */
  'runs.events': z
    .object({
      runId,
      afterPosition: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(MAX_EVENTS_PAGE).optional(),
    })
    .strict(),
  /** The compact index of a run's logical log (no payloads); `afterPosition` for live updates. */
  'runs.timeline': z.object({ runId, afterPosition: z.number().int().min(0).optional() }).strict(),
  /** Every P and Q version (accepted, rejected, failed) with its parent and whether it changed. */
  'runs.versions': z.object({ runId }).strict(),
  /** Train-batch accuracy, evaluations and per-role usage, each point stamped with its position. */
  'runs.metrics': z.object({ runId, afterPosition: z.number().int().min(0).optional() }).strict(),
  /** One event of the run's log in full. */
  'runs.event': z.object({ runId, position: z.number().int().min(1) }).strict(),
  /** The records that produced the P or Q version made at `position`. */
  'runs.provenance': z.object({ runId, kind: z.enum(['prompt', 'optimizer']), position: z.number().int().min(1) }).strict(),
  /** Notebook entries at `at` nearest to `query` by the run's own embedder (cosine). */
  'runs.searchNotebook': z
    .object({
      runId,
      at: runPointSchema,
      query: z.string().trim().min(1, 'type something to search for').max(4000),
      k: z.number().int().min(1).max(MAX_NOTEBOOK_HITS).optional(),
    })
    .strict(),
  /** The paper's table for the runs, with Wilson intervals, usage per role and paired McNemar tests. */
  'runs.compare': z.object({ runIds: z.array(runId).min(1, 'pick at least one run').max(12, 'compare at most 12 runs at once') }).strict(),
  /** Renames a run (an event; the old name stays in the log). */
  'runs.rename': z.object({ runId, name: z.string().trim().min(1, 'a name must not be empty').max(200) }).strict(),
  /** Hides a run from the list, or shows it again (an event; nothing is deleted). */
  'runs.archive': z.object({ runId, archived: z.boolean() }).strict(),
  /** Live progress of a run: done/total, phase, ETA, calls, tokens, retries, failures, requests in flight. */
  'runs.progress': z.object({ runId }).strict(),
  /**
   * Checks a run config the way runs.start would, without creating anything; returns the resolved
   * config. `checkData: false` checks the config alone (schema, limits, key variables) without
   * reading the database (its dataset, split and memory source): what `remo run` checks before it
   * opens a database. Default true.
   */
  'runs.validateConfig': z.object({ config: z.record(z.string(), z.unknown()), checkData: z.boolean().optional() }).strict(),
  /** Probes an endpoint described in full (the new-run form's "Test connection"). */
  'llm.testEndpoint': z.object({ endpoint: z.record(z.string(), z.unknown()) }).strict(),
  /** `config` is validated by the core (its schema belongs to the engine), not here. */
  'runs.start': z.object({ config: z.record(z.string(), z.unknown()) }).strict(),
  'runs.pause': z.object({ runId }).strict(),
  /**
   * Continues a paused, interrupted or failed run. `overrides` may change how the run reaches its
   * models (endpoint keys, e.g. `endpoints.0.baseURL`), recorded as an event; nothing else.
   */
  'runs.resume': z.object({ runId, overrides: z.record(z.string(), z.unknown()).optional() }).strict(),
  'runs.stop': z.object({ runId }).strict(),
  'runs.fork': z
    .object({ runId, at: runPointSchema, overrides: z.record(z.string(), z.unknown()).optional() })
    .strict(),
  /**
   * API keys kept by the desktop app (OS-encrypted, electron/main). Write-only: no method returns a
   * key, only which endpoints have one. Other hosts answer `unavailable` (they read apiKeyEnv).
   */
  'keys.status': z.object({}).strict(),
  'keys.set': z.object({ endpoint: endpointName, key: apiKey }).strict(),
  'keys.delete': z.object({ endpoint: endpointName }).strict(),
  /** The run's export file (JSONL: a header line, then every event it reads), as text to save or download. */
  'runs.export': z.object({ runId }).strict(),
  /**
   * Adds the runs of an export file (its `content`), all or nothing: every line is checked first;
   * a run already here with identical events is not written again; one with different events is a conflict.
   */
  'runs.import': z.object({ content: z.string() }).strict(),
  /** Datasets stored in this database (imported; the built-in GSM8K is not listed), newest first. */
  'datasets.list': z.object({}).strict(),
  /**
   * What importing a dataset file would do, writing nothing: format and field mapping (given, or
   * detected from the file name, the content and the field names), the fields seen, the first
   * records and items, every error and warning, and the stored dataset with the same content.
   * `mapping.idField: null` means "generate ids" (never detected).
   */
  'datasets.preview': z
    .object({
      content: z.string(),
      encoding: contentEncoding,
      fileName: z.string().max(500).optional(),
      format: z.enum(DATASET_FORMATS).optional(),
      mapping: z
        .object({ questionField: fieldName.optional(), answerField: fieldName.optional(), idField: fieldName.nullable().optional(), gold: goldMode.optional() })
        .strict()
        .optional(),
      rows: z.number().int().min(0).max(MAX_PREVIEW_ROWS).optional(),
    })
    .strict(),
  /**
   * Validates a dataset file and stores it content-addressed, all or nothing. Errors in the file are
   * a result (`ok: false` with every error and its line), not a failed call: nothing is written.
   */
  'datasets.import': z
    .object({
      content: z.string(),
      encoding: contentEncoding,
      name: z.string().trim().min(1, 'a name must not be empty').max(200),
      format: z.enum(DATASET_FORMATS),
      mapping: z.object({ questionField: fieldName, answerField: fieldName, idField: fieldName.optional(), gold: goldMode }).strict(),
    })
    .strict(),
  /**
   * Experiments: a base run config and a grid (methods x seeds, optionally one more key), given as
   * the experiment file's JSON (shared/experiments/experimentConfig.ts). `plan` checks it and says
   * what it will cost, writing nothing; `start` records it and starts every cell's run.
   */
  'experiments.plan': z.object({ config: z.record(z.string(), z.unknown()) }).strict(),
  'experiments.start': z.object({ config: z.record(z.string(), z.unknown()) }).strict(),
  /** Experiments, newest first, with how many of their cells completed. */
  'experiments.list': z.object({}).strict(),
  /** One experiment: its cells (each with its run), the aggregated table and the paired tests. */
  'experiments.show': z.object({ experimentId }).strict(),
  /** Starts the cells that have no run and resumes the runs that did not complete. */
  'experiments.resume': z.object({ experimentId }).strict(),
} as const;

export type ApiMethod = keyof typeof apiArgSchemas;
export const API_METHODS = Object.keys(apiArgSchemas) as ApiMethod[];

/** What a caller passes (before defaults). */
export type ApiArgs<M extends ApiMethod> = z.input<(typeof apiArgSchemas)[M]>;
/** What a handler receives (after parsing). */
export type ApiParsedArgs<M extends ApiMethod> = z.output<(typeof apiArgSchemas)[M]>;

export interface AppInfo {
  name: string;
  version: string;
  /** Absolute path of the SQLite database the core has open. */
  dbPath: string;
  /** True when every configured LLM endpoint is the built-in simulator: results are not model results. */
  simulator: boolean;
  /** Which transport answered: useful in bug reports. */
  transport: 'in-process' | 'web' | 'ipc';
}

export interface VerifyReport {
  ok: boolean;
  /** Number of events whose hash was checked. */
  eventsChecked: number;
  /** First global position whose hash does not chain, when `ok` is false. */
  firstBadPosition?: number;
  message?: string;
  /**
   * The projection tables compared with a rebuild from the log (rolled back: verify writes nothing).
   * Absent when the log itself did not verify (a rebuild from a bad log proves nothing).
   */
  projections?: { ok: boolean; differing: string[] };
}

/** Whether this host can keep API keys, and for which endpoints it holds one (never the keys). */
export interface KeysStatus {
  available: boolean;
  /** Why keys cannot be stored here (no keyring...), when `available` is false. */
  reason?: string;
  /** Endpoint names with a stored key, sorted. */
  stored: string[];
}

/** What `store.rebuild` did: the log's head, the projections replayed, the time and a checksum of their tables. */
export interface RebuildReport {
  /** Global position of the log's last event (= events in the log). */
  events: number;
  /** Names of the projections rebuilt, in registration order. */
  projections: string[];
  /** Events handed to the projections (only the types they handle). */
  applied: number;
  /** Time the truncate-and-replay transaction took, in milliseconds (not the checksum). */
  elapsedMs: number;
  /** sha256 (hex) over every projection table's rows: the same log always gives the same checksum. */
  checksum: string;
}

/** A run's export file, ready to save: `content` is the JSONL text `remo export` writes. */
export interface RunExport {
  runId: string;
  /** A file name to offer for the download: `remo-run-<runId>.jsonl` (characters other than letters, digits, `.`, `_`, `-` become `_`). */
  fileName: string;
  /** The whole file: header line, then one event per line, each line ending in '\n'. */
  content: string;
  /** Event lines in the file (the run's own events plus the fork parents and memory sources it reads). */
  eventCount: number;
}

/** What `runs.import` wrote. A file already imported writes nothing (`written: 0`). */
export interface RunImportResult {
  /** The run the file was exported for. */
  runId: string;
  /** Events appended to this database. */
  written: number;
  /** Events that were already here, identical (e.g. a fork's parent imported before). */
  alreadyPresent: number;
  /** Every run the file holds (fork ancestors and memory sources too), in order of first appearance. */
  runIds: string[];
}

/** What the gateway's testConnection reports (reachability, latency, models, thinking switch); JSON only. */
export interface ConnectionReportView {
  endpoint: string;
  reachable: boolean;
  latencyMs?: number;
  models: string[];
  modelAvailable: boolean;
  thinkingSwitchAccepted?: boolean;
  /** The model's context length in tokens, when the server lists it (vLLM's max_model_len). */
  contextLength?: number;
  /** The switch this endpoint uses to turn thinking off (its own, else its kind's default). */
  thinkingSwitch?: string;
  /** True when the reply sent with that switch had no thinking in it. */
  thinkingOff?: boolean;
  /** When the endpoint's switch leaves thinking on or is refused: the first other switch that turned it off. */
  thinkingSwitchFound?: string;
  /** Every switch tried, in order, and what came back. */
  thinkingProbe?: ThinkingProbeView[];
  error?: string;
}

/** The outcome of checking a run config: every problem with the field it is about, in plain words. */
export interface ConfigCheck {
  ok: boolean;
  issues: { path: string; message: string }[];
  /** The fully resolved config (defaults filled in) when ok. */
  resolved?: Record<string, unknown>;
}

/** One switch tried by the connection test: refused (4xx), answered while thinking, or answered without. */
export interface ThinkingProbeView {
  switch: string;
  outcome: 'off' | 'thinking' | 'rejected';
  detail?: string;
}

export interface EventsPage {
  events: StoredEvent[];
  /** Pass as `afterPosition` for the next page; null when this page reached the end. */
  nextAfterPosition: number | null;
}

/** Result type of every method. */
export interface ApiResults {
  'app.info': AppInfo;
  'store.verify': VerifyReport;
  'store.rebuild': RebuildReport;
  'llm.testConnection': ConnectionReportView;
  'runs.list': RunSummary[];
  'runs.summary': RunSummary;
  'runs.stateAt': RunStateView;
  'runs.events': EventsPage;
  'runs.timeline': TimelineIndex;
  'runs.versions': VersionView[];
  'runs.metrics': MetricSeries;
  'runs.event': EventDetail;
  'runs.provenance': ProvenanceView;
  'runs.searchNotebook': NotebookHit[];
  'runs.compare': CompareReport;
  'runs.rename': { runId: string; name: string };
  'runs.archive': { runId: string; archived: boolean };
  'runs.progress': RunProgressView;
  'runs.validateConfig': ConfigCheck;
  'llm.testEndpoint': ConnectionReportView;
  'runs.start': { runId: string };
  'runs.pause': { requested: true };
  'runs.resume': { runId: string };
  'runs.stop': { requested: true };
  'runs.fork': { runId: string };
  'keys.status': KeysStatus;
  'keys.set': { endpoint: string; stored: true };
  'keys.delete': { endpoint: string; deleted: boolean };
  'runs.export': RunExport;
  'runs.import': RunImportResult;
  'datasets.list': DatasetSummary[];
  'datasets.preview': DatasetPreview;
  'datasets.import': DatasetImportResult;
  'experiments.plan': ExperimentPlan;
  'experiments.start': { experimentId: string; runIds: string[] };
  'experiments.list': ExperimentSummary[];
  'experiments.show': ExperimentView;
  'experiments.resume': { experimentId: string; started: string[]; resumed: string[] };
}

/** The handler map a core implements: one function per method, fed parsed arguments. */
export type ApiHandlers = {
  [M in ApiMethod]: (args: ApiParsedArgs<M>) => ApiResults[M] | Promise<ApiResults[M]>;
};

/**
 * What one pushed batch appended to one run: small on purpose. A client that shows the run asks
 * for what it displays (`runs.timeline` after its last position, a state, an event).
 */
export interface AppendedToRun {
  runId: string;
  firstPosition: number;
  lastPosition: number;
  count: number;
  /** Distinct event types of the batch, in order of first appearance. */
  types: string[];
}

/** Events the server pushes to every subscribed client. */
export interface ServerEvents {
  /** Events just committed to the log (any run, any process), per run, in global order. */
  'runs.appended': AppendedToRun[];
}
export type ServerEventName = keyof ServerEvents;
export const SERVER_EVENT_NAMES: readonly ServerEventName[] = ['runs.appended'];

/** Compacts a committed batch of events into the push every client gets. */
export function summarizeAppended(events: readonly StoredEvent[]): AppendedToRun[] {
  const byRun = new Map<string, AppendedToRun>();
  for (const event of events) {
    let entry = byRun.get(event.streamId);
    if (!entry) {
      entry = { runId: event.streamId, firstPosition: event.globalPosition, lastPosition: event.globalPosition, count: 0, types: [] };
      byRun.set(event.streamId, entry);
    }
    entry.lastPosition = event.globalPosition;
    entry.count += 1;
    if (!entry.types.includes(event.type)) entry.types.push(event.type);
  }
  return [...byRun.values()];
}

/** One pushed message, as it travels over WebSocket or the IPC push channel. */
export type ServerMessage = { [E in ServerEventName]: { event: E; payload: ServerEvents[E] } }[ServerEventName];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiArgSchemas, name);
}

/** Schema of a pushed message's frame; payloads are trusted (they come from our core). */
export const serverMessageSchema = z.object({
  event: z.enum(['runs.appended']),
  payload: z.unknown(),
});
