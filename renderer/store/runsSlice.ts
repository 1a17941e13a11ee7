import type { RunSummary } from '../../shared/api/runViews';
import type { ApiError } from '../../shared/api/result';
import type { SliceContext } from './appStore';

export interface RunsSlice {
  runs: RunSummary[];
  runsLoaded: boolean;
  runsError: ApiError | null;
  loadRuns(): Promise<void>;
  /** Starts a run from the new-run form; selects it on success. */
  startRun(config: Record<string, unknown>): Promise<boolean>;
}

export function createRunsSlice({ set, get, client }: SliceContext): RunsSlice {
  let seq = 0;
  return {
    runs: [],
    runsLoaded: false,
    runsError: null,
    async loadRuns() {
      const mine = ++seq;
      const result = await client.call('runs.list', {});
      if (mine !== seq) return; // a newer refresh is in flight: its answer wins
      if (result.ok) set({ runs: result.value, runsLoaded: true, runsError: null });
      else set({ runsLoaded: true, runsError: result.error });
    },
    async startRun(config) {
      const result = await client.call('runs.start', { config });
      if (!result.ok) {
        get().showNotice(result.error);
        return false;
      }
      await get().loadRuns();
      await get().selectRun(result.value.runId);
      return true;
    },
  };
}
