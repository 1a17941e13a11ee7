import type { ApiError } from '../../shared/api/result';
import type { RunStateView, RunSummary } from '../../shared/api/runViews';
import type { StoredEvent } from '../../shared/events/envelope';
import type { SliceContext } from './appStore';
import { findPreviousPrompt } from './findPreviousPrompt';
import { emitAppEvent } from '../appEvents';

/**
 * Where the scrubber points: the end of an epoch (a number; 0 = after the seed evaluation), one
 * event of the run's log (`{position}`, a global position), or the log's end.
 */
export type ScrubPoint = number | { position: number } | 'end';

/** The run's logical log as the fine scrubber sees it: positions and event types, in order. */
export interface EventIndex {
  positions: number[];
  types: string[];
}

/** Pages fetched per refresh; beyond this the fine scrubber covers the first N events only. */
const MAX_EVENT_PAGES = 50;

/** The RunPoint (contract) for a scrub point. */
export function toRunPoint(point: ScrubPoint): 'end' | { epoch: number } | { position: number } {
  return point === 'end' ? 'end' : typeof point === 'number' ? { epoch: point } : point;
}

export interface DetailSlice {
  selectedRunId: string | null;
  summary: RunSummary | null;
  /** State at the log's end: source of the epoch list and the val chart. */
  endState: RunStateView | null;
  point: ScrubPoint;
  /** State at `point` (what the panels show). */
  pointState: RunStateView | null;
  /** The prompt version before pointState's, for the diff; null for the seed prompt. */
  previousPrompt: { version: number; text: string } | null;
  /** Every event of the selected run (fork parents included), for the fine scrubber. */
  eventIndex: EventIndex | null;
  detailLoading: boolean;
  detailError: ApiError | null;
  selectRun(runId: string | null): Promise<void>;
  scrubTo(point: ScrubPoint): Promise<void>;
  /** Called for every pushed batch of committed events. */
  onEventsAppended(events: readonly StoredEvent[]): void;
  pauseRun(): Promise<void>;
  resumeRun(): Promise<void>;
  stopRun(): Promise<void>;
  /** Forks the selected run at the selected epoch and selects the fork. */
  forkHere(): Promise<void>;
}

/** Pushed events arrive in bursts during a run: refresh at most this often. */
const REFRESH_COALESCE_MS = 250;

export function createDetailSlice({ set, get, client }: SliceContext): DetailSlice {
  let seq = 0;
  let indexSeq = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let detailDirty = false;
  // A fold at a fixed position never changes (the log is append-only): safe to cache.
  const positionCache = new Map<string, RunStateView>();

  async function stateAtPosition(runId: string, position: number): Promise<RunStateView | null> {
    const key = `${runId}@${position}`;
    const cached = positionCache.get(key);
    if (cached) return cached;
    const result = await client.call('runs.stateAt', { runId, at: { position } });
    if (!result.ok) return null;
    if (positionCache.size > 500) positionCache.clear();
    positionCache.set(key, result.value);
    return result.value;
  }

  async function loadPoint(runId: string, point: ScrubPoint, mine: number): Promise<void> {
    const result = await client.call('runs.stateAt', { runId, at: toRunPoint(point) });
    if (mine !== seq) return;
    if (!result.ok) {
      set({ pointState: null, previousPrompt: null, detailError: result.error, detailLoading: false });
      return;
    }
    set({ pointState: result.value, detailError: null, detailLoading: false });
    // Lower bound 0: a fork's logical log starts with its parent's events, so its previous prompt
    // version may lie before the fork point (the epoch metrics usually give a tighter bound).
    const previous = await findPreviousPrompt(result.value, (p) => stateAtPosition(runId, p), 0);
    if (mine !== seq) return;
    set({ previousPrompt: previous ? { version: previous.version, text: previous.text } : null });
    emitAppEvent('point-loaded', { runId, point, promptVersion: result.value.prompt.version });
  }

  async function loadRun(runId: string, point: ScrubPoint, mine: number): Promise<void> {
    const [summary, endState] = await Promise.all([
      client.call('runs.summary', { runId }),
      client.call('runs.stateAt', { runId, at: 'end' }),
    ]);
    if (mine !== seq) return;
    if (!summary.ok || !endState.ok) {
      const error = !summary.ok ? summary.error : !endState.ok ? endState.error : null;
      set({ detailError: error, detailLoading: false });
      return;
    }
    set({ summary: summary.value, endState: endState.value });
    await Promise.all([loadPoint(runId, point, mine), loadEventIndex(runId)]);
  }

  /** Fetches the run's events after the last one already indexed (incremental on live updates). */
  async function loadEventIndex(runId: string): Promise<void> {
    // Own sequence: scrubbing must not cancel the index load; a newer index load does.
    const mine = ++indexSeq;
    const current = () => mine === indexSeq && get().selectedRunId === runId;
    const known = get().selectedRunId === runId ? get().eventIndex : null;
    const positions = known ? [...known.positions] : [];
    const types = known ? [...known.types] : [];
    let after = positions[positions.length - 1] ?? 0;
    for (let page = 0; page < MAX_EVENT_PAGES; page += 1) {
      const result = await client.call('runs.events', { runId, afterPosition: after, limit: 1000 });
      if (!result.ok || !current()) return;
      for (const event of result.value.events) {
        positions.push(event.globalPosition);
        types.push(event.type);
      }
      if (result.value.nextAfterPosition === null) break;
      after = result.value.nextAfterPosition;
    }
    if (current()) set({ eventIndex: { positions, types } });
  }

  async function control(action: 'runs.pause' | 'runs.resume' | 'runs.stop'): Promise<void> {
    const runId = get().selectedRunId;
    if (!runId) return;
    const result = await client.call(action, { runId });
    if (!result.ok) get().showNotice(result.error);
    await Promise.all([get().loadRuns(), refreshSelected()]);
  }

  async function refreshSelected(): Promise<void> {
    const { selectedRunId, point } = get();
    if (!selectedRunId) return;
    await loadRun(selectedRunId, point, ++seq);
  }

  return {
    selectedRunId: null,
    summary: null,
    endState: null,
    point: 'end',
    pointState: null,
    previousPrompt: null,
    eventIndex: null,
    detailLoading: false,
    detailError: null,
    async selectRun(runId) {
      const mine = ++seq;
      set({ selectedRunId: runId, summary: null, endState: null, pointState: null, previousPrompt: null, eventIndex: null, point: 'end', detailError: null, detailLoading: runId !== null });
      if (runId) await loadRun(runId, 'end', mine);
    },
    async scrubTo(point) {
      const runId = get().selectedRunId;
      if (!runId) return;
      const mine = ++seq;
      set({ point, detailLoading: true });
      await loadPoint(runId, point, mine);
    },
    onEventsAppended(events) {
      const selected = get().selectedRunId;
      if (selected && events.some((event) => event.streamId === selected)) detailDirty = true;
      if (refreshTimer) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        void get().loadRuns();
        if (detailDirty) {
          detailDirty = false;
          void refreshSelected();
        }
      }, REFRESH_COALESCE_MS);
    },
    pauseRun: () => control('runs.pause'),
    resumeRun: () => control('runs.resume'),
    stopRun: () => control('runs.stop'),
    async forkHere() {
      const { selectedRunId, point } = get();
      if (!selectedRunId) return;
      const result = await client.call('runs.fork', { runId: selectedRunId, at: toRunPoint(point), overrides: {} });
      if (!result.ok) {
        get().showNotice(result.error);
        return;
      }
      await get().loadRuns();
      await get().selectRun(result.value.runId);
    },
  };
}
