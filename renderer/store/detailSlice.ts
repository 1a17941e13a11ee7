import type { AppendedToRun } from '../../shared/api/contract';
import type { RunProgressView } from '../../shared/api/runProgress';
import { fail, type ApiError, type ApiResult } from '../../shared/api/result';
import type { RunStateView, RunSummary } from '../../shared/api/runViews';
import type { EventDetail, MetricSeries, NotebookHit, ProvenanceView, TimelineIndex, VersionView } from '../../shared/api/timelineViews';
import type { SliceContext } from './appStore';
import { emitAppEvent } from '../appEvents';
import { appendTimeline, indexAtOrBefore } from './timelineIndexOps';
import { appendSeries } from './appendSeries';
import { createLatestOnly } from './latestOnly';

/** Where a scrub came from, for the timing the benchmark and the app events report. */
export interface ScrubInput { at: number; kind: string }

export interface DetailSlice {
  selectedRunId: string | null;
  summary: RunSummary | null;
  /** The run's logical log without payloads: what the scrubber, marks and inspector draw. */
  timeline: TimelineIndex | null;
  versions: VersionView[] | null;
  series: MetricSeries | null;
  /** Index (into timeline.positions) of the scrubbed event. */
  cursor: number;
  /** True while the cursor follows the end of a live run. */
  following: boolean;
  /** State at the cursor (P, Q, notebook, metrics, usage). */
  pointState: RunStateView | null;
  /** A second point the user pinned, for diffs between two points. */
  pinned: { position: number; state: RunStateView } | null;
  /** Event shown in the inspector. */
  inspected: EventDetail | null;
  inspectedError: ApiError | null;
  provenance: ProvenanceView | null;
  detailLoading: boolean;
  detailError: ApiError | null;
  /** When and how the current scrub started (performance.now()). */
  lastInput: ScrubInput | null;
  selectRun(runId: string | null, position?: number): Promise<void>;
  /** Moves the cursor to event index `index` (clamped). */
  scrubToIndex(index: number, input?: string): void;
  scrubToPosition(position: number, input?: string): void;
  /** Moves to the end of `epoch` (0 = after the seed evaluation). */
  scrubToEpoch(epoch: number, input?: string): void;
  pinHere(): void;
  unpin(): void;
  inspect(position: number): Promise<void>;
  loadProvenance(kind: 'prompt' | 'optimizer', position: number): Promise<void>;
  clearProvenance(): void;
  /** Notebook entries at `position` nearest to `query` (the core embeds it like the run did). */
  searchNotebook(position: number, query: string): Promise<ApiResult<NotebookHit[]>>;
  /** Called for every pushed batch of committed events (compact: run, positions, types). */
  onRunsAppended(batches: readonly AppendedToRun[]): void;
  pauseRun(): Promise<void>;
  /** Resumes the selected run; `overrides` may change its endpoints (a failed run's wrong URL). */
  resumeRun(overrides?: Record<string, unknown>): Promise<boolean>;
  stopRun(): Promise<void>;
  /** Forks the selected run at the cursor with `overrides` and selects the fork. */
  forkHere(overrides?: Record<string, unknown>): Promise<boolean>;
  /** Live progress of the selected run (polled while it runs). */
  progress: RunProgressView | null;
  loadProgress(): Promise<void>;
  refreshSummary(): Promise<void>;
  /** The selected run's resolved config as its log records it (RunStarted, RunForked, RunReconfigured). */
  loadRunConfig(): Promise<Record<string, unknown> | null>;
}

/** Events that make or refuse a P or Q version (the run_prompt_versions projection's types). */
const VERSION_EVENT_TYPES = new Set(['PromptAccepted', 'PromptRejected', 'PromptUpdateFailed', 'OptimizerInstructionsUpdated', 'OptimizerInstructionsRejected', 'RunForked']);

/** Pushed events arrive in bursts during a run: refresh at most this often. */
const REFRESH_COALESCE_MS = 250;
/** Folded states kept in memory: a fold at a fixed position never changes (the log is append-only). */
const STATE_CACHE_SIZE = 400;

/** The epoch whose end is exactly `position`, or null: forks from an epoch end say so in their record. */
export function epochEndingAt(timeline: TimelineIndex | null, position: number): number | null {
  return timeline?.epochEnds.find((end) => end.position === position)?.epoch ?? null;
}

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

export function createDetailSlice({ set, get, client }: SliceContext): DetailSlice {
  let selectSeq = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  let versionsDirty = false;
  const stateCache = new Map<string, RunStateView>();

  const inFlight = new Map<string, Promise<RunStateView | ApiError>>();

  /** The folded state at `position`, from the cache, a request already in flight, or the core. */
  function stateAt(runId: string, position: number): Promise<RunStateView | ApiError> {
    const key = `${runId}@${position}`;
    const cached = stateCache.get(key);
    if (cached) return Promise.resolve(cached);
    const pending = inFlight.get(key);
    if (pending) return pending;
    const request = client.call('runs.stateAt', { runId, at: { position } }).then((result) => {
      inFlight.delete(key);
      if (!result.ok) return result.error;
      if (stateCache.size >= STATE_CACHE_SIZE) stateCache.delete(stateCache.keys().next().value!);
      stateCache.set(key, result.value);
      return result.value;
    });
    inFlight.set(key, request);
    return request;
  }

  /**
   * After a point is shown, fold its neighbours in the background: the next arrow key then finds
   * its state in the cache, and a held key scrubs at the speed of rendering.
   */
  function prefetchAround(runId: string, cursor: number): void {
    const positions = get().timeline?.positions;
    if (!positions) return;
    for (const index of [cursor + 1, cursor - 1]) {
      const position = positions[index];
      if (position !== undefined) void stateAt(runId, position);
    }
  }

  // Keystrokes may outrun the core: only the newest requested point is fetched next, the ones in
  // between are skipped (each input still gets its state on screen, or a newer one).
  const loadPoint = createLatestOnly(async (target: { runId: string; position: number }) => {
    const state = await stateAt(target.runId, target.position);
    if (get().selectedRunId !== target.runId) return;
    const wanted = get().timeline?.positions[get().cursor];
    if ('code' in state) {
      set({ detailError: state, detailLoading: false });
      return;
    }
    // A newer cursor is already queued: still show this state, it is exact for its own point.
    set({ pointState: state, detailError: null, detailLoading: wanted !== undefined && wanted !== state.position });
    emitAppEvent('point-loaded', { runId: target.runId, position: state.position, promptVersion: state.prompt.version });
    if (wanted === state.position) prefetchAround(target.runId, get().cursor);
  });

  function moveCursor(index: number, input: string | undefined, following = false): void {
    const { timeline, selectedRunId } = get();
    if (!timeline || !selectedRunId || timeline.positions.length === 0) return;
    const cursor = Math.max(0, Math.min(timeline.positions.length - 1, Math.round(index)));
    const position = timeline.positions[cursor]!;
    set({
      cursor, following, detailLoading: get().pointState?.position !== position,
      ...(input ? { lastInput: { at: now(), kind: input } } : {}),
    });
    void loadPoint({ runId: selectedRunId, position });
  }

  async function loadRun(runId: string, position: number | undefined, mine: number): Promise<void> {
    // The state at the opening point is asked for with the rest, not after it: one round trip less.
    const opening = client.call('runs.stateAt', { runId, at: position === undefined ? 'end' : { position } }).then((result) => {
      if (result.ok) stateCache.set(`${runId}@${result.value.position}`, result.value);
    });
    const [summary, timeline, versions, series] = await Promise.all([
      client.call('runs.summary', { runId }),
      client.call('runs.timeline', { runId }),
      client.call('runs.versions', { runId }),
      client.call('runs.metrics', { runId }),
    ]);
    await opening;
    if (mine !== selectSeq) return;
    const failed = [summary, timeline, versions, series].find((r) => !r.ok);
    if (failed && !failed.ok) {
      set({ detailError: failed.error, detailLoading: false });
      return;
    }
    if (!summary.ok || !timeline.ok || !versions.ok || !series.ok) return;
    const index = timeline.value;
    const cursor = position === undefined ? index.positions.length - 1 : indexAtOrBefore(index, position);
    set({ summary: summary.value, timeline: index, versions: versions.value, series: series.value, cursor, following: position === undefined });
    moveCursor(cursor, undefined, position === undefined);
  }

  /** Live update: the new tail of the index, fresh versions, series and summary; the cursor follows the end if it was there. */
  async function refreshSelected(versionsChanged: boolean): Promise<void> {
    const { selectedRunId, timeline } = get();
    if (!selectedRunId || !timeline) return;
    const mine = selectSeq;
    const [summary, tail, versions, series] = await Promise.all([
      client.call('runs.summary', { runId: selectedRunId }),
      client.call('runs.timeline', { runId: selectedRunId, afterPosition: timeline.positions.at(-1) ?? 0 }),
      // The version list is whole (each version names its parent): asked again only when one was made.
      versionsChanged ? client.call('runs.versions', { runId: selectedRunId }) : Promise.resolve(null),
      client.call('runs.metrics', { runId: selectedRunId, afterPosition: timeline.positions.at(-1) ?? 0 }),
    ]);
    if (mine !== selectSeq || get().selectedRunId !== selectedRunId) return;
    const current = get().timeline;
    const merged = tail.ok && current ? appendTimeline(current, tail.value) : current;
    const known = get().series;
    set({
      ...(summary.ok ? { summary: summary.value } : {}),
      ...(versions?.ok ? { versions: versions.value } : {}),
      ...(series.ok && known ? { series: appendSeries(known, series.value) } : {}),
      timeline: merged,
    });
    if (get().following && merged) moveCursor(merged.positions.length - 1, undefined, true);
  }

  async function control(action: 'runs.pause' | 'runs.resume' | 'runs.stop', overrides?: Record<string, unknown>): Promise<boolean> {
    const runId = get().selectedRunId;
    if (!runId) return false;
    const result = action === 'runs.resume' && overrides ? await client.call(action, { runId, overrides }) : await client.call(action, { runId });
    if (!result.ok) get().showNotice(result.error);
    await get().loadRuns();
    await get().refreshSummary();
    return result.ok;
  }

  return {
    selectedRunId: null,
    summary: null,
    timeline: null,
    versions: null,
    series: null,
    cursor: 0,
    following: true,
    pointState: null,
    pinned: null,
    inspected: null,
    inspectedError: null,
    provenance: null,
    detailLoading: false,
    detailError: null,
    lastInput: null,
    async selectRun(runId, position) {
      const mine = ++selectSeq;
      set({
        comparing: false,
        selectedRunId: runId, summary: null, timeline: null, versions: null, series: null, cursor: 0, following: position === undefined,
        pointState: null, pinned: null, progress: null, inspected: null, inspectedError: null, provenance: null, detailError: null, detailLoading: runId !== null,
        lastInput: { at: now(), kind: 'open' },
      });
      if (runId) await loadRun(runId, position, mine);
    },
    scrubToIndex(index, input) {
      const last = (get().timeline?.positions.length ?? 1) - 1;
      moveCursor(index, input, index >= last && get().summary?.status === 'running');
    },
    scrubToPosition(position, input) {
      const timeline = get().timeline;
      if (timeline) get().scrubToIndex(indexAtOrBefore(timeline, position), input);
    },
    scrubToEpoch(epoch, input) {
      const end = get().timeline?.epochEnds.find((e) => e.epoch === epoch);
      if (end) get().scrubToPosition(end.position, input);
    },
    pinHere() {
      const state = get().pointState;
      if (state) set({ pinned: { position: state.position, state } });
    },
    unpin: () => set({ pinned: null }),
    async inspect(position) {
      const runId = get().selectedRunId;
      if (!runId) return;
      const result = await client.call('runs.event', { runId, position });
      if (get().selectedRunId !== runId) return;
      if (result.ok) set({ inspected: result.value, inspectedError: null });
      else set({ inspected: null, inspectedError: result.error });
      emitAppEvent('event-inspected', { position, ok: result.ok });
    },
    async loadProvenance(kind, position) {
      const runId = get().selectedRunId;
      if (!runId) return;
      const result = await client.call('runs.provenance', { runId, kind, position });
      if (get().selectedRunId !== runId) return;
      if (result.ok) set({ provenance: result.value });
      else get().showNotice(result.error);
    },
    clearProvenance: () => set({ provenance: null }),
    async searchNotebook(position, query) {
      const runId = get().selectedRunId;
      if (!runId) return fail('bad-request', 'no run is selected');
      return client.call('runs.searchNotebook', { runId, at: { position }, query, k: 20 });
    },
    onRunsAppended(batches) {
      const selected = get().selectedRunId;
      for (const batch of batches) {
        if (batch.runId !== selected) continue;
        dirty = true;
        if (batch.types.some((type) => VERSION_EVENT_TYPES.has(type))) versionsDirty = true;
      }
      if (refreshTimer) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        void get().loadRuns();
        if (dirty) {
          const versionsChanged = versionsDirty;
          dirty = false;
          versionsDirty = false;
          void refreshSelected(versionsChanged);
        }
      }, REFRESH_COALESCE_MS);
    },
    pauseRun: async () => void (await control('runs.pause')),
    resumeRun: (overrides) => control('runs.resume', overrides),
    stopRun: async () => void (await control('runs.stop')),
    async forkHere(overrides = {}) {
      const { selectedRunId, pointState } = get();
      if (!selectedRunId || !pointState) return false;
      const epoch = epochEndingAt(get().timeline, pointState.position);
      const at = epoch === null ? { position: pointState.position } : { epoch };
      const result = await client.call('runs.fork', { runId: selectedRunId, at, overrides });
      if (!result.ok) {
        get().showNotice(result.error);
        return false;
      }
      await get().loadRuns();
      await get().selectRun(result.value.runId);
      return true;
    },
    progress: null,
    async loadProgress() {
      const runId = get().selectedRunId;
      if (!runId) return;
      const result = await client.call('runs.progress', { runId });
      if (get().selectedRunId === runId) set({ progress: result.ok ? result.value : null });
    },
    async refreshSummary() {
      const runId = get().selectedRunId;
      if (!runId) return;
      const summary = await client.call('runs.summary', { runId });
      if (summary.ok && get().selectedRunId === runId) set({ summary: summary.value });
    },
    async loadRunConfig() {
      const { selectedRunId, timeline } = get();
      if (!selectedRunId || !timeline) return null;
      // The run's own config event is the last one in its logical log (a fork's parent comes first).
      const configTypes = ['RunStarted', 'RunForked', 'RunReconfigured'].map((t) => timeline.typeNames.indexOf(t)).filter((code) => code >= 0);
      let index = -1;
      for (let i = timeline.types.length - 1; i >= 0; i -= 1) {
        if (configTypes.includes(timeline.types[i]!)) {
          index = i;
          break;
        }
      }
      if (index < 0) return null;
      const result = await client.call('runs.event', { runId: selectedRunId, position: timeline.positions[index]! });
      if (!result.ok) return null;
      const config = (result.value.event.data as { config?: unknown }).config;
      return config && typeof config === 'object' ? (config as Record<string, unknown>) : null;
    },
  };
}
