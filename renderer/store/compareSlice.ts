import type { CompareReport } from '../../shared/api/compareViews';
import type { ApiError } from '../../shared/api/result';
import type { SliceContext } from './appStore';
import { emitAppEvent } from '../appEvents';

/** The runs picked for comparison, and the core's report on them. */
export interface CompareSlice {
  /** Run ids ticked in the runs list (order of ticking). */
  compareIds: string[];
  /** True while the compare view is open instead of a run. */
  comparing: boolean;
  report: CompareReport | null;
  reportError: ApiError | null;
  reportLoading: boolean;
  toggleCompare(runId: string): void;
  clearCompare(): void;
  /** Opens the compare view for `runIds` (default: the ticked runs). */
  openCompare(runIds?: string[]): Promise<void>;
  closeCompare(): void;
}

export function createCompareSlice({ set, get, client }: SliceContext): CompareSlice {
  let seq = 0;
  return {
    compareIds: [],
    comparing: false,
    report: null,
    reportError: null,
    reportLoading: false,
    toggleCompare(runId) {
      const ids = get().compareIds;
      set({ compareIds: ids.includes(runId) ? ids.filter((id) => id !== runId) : [...ids, runId] });
    },
    clearCompare: () => set({ compareIds: [] }),
    async openCompare(runIds) {
      const ids = runIds ?? get().compareIds;
      if (ids.length === 0) return;
      const mine = ++seq;
      set({ comparing: true, compareIds: ids, reportLoading: true, reportError: null });
      const result = await client.call('runs.compare', { runIds: ids });
      if (mine !== seq) return;
      if (result.ok) set({ report: result.value, reportLoading: false });
      else set({ report: null, reportError: result.error, reportLoading: false });
      emitAppEvent('compare-loaded', { runIds: ids, ok: result.ok });
    },
    closeCompare: () => set({ comparing: false }),
  };
}
