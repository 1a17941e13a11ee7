import type { RunSummary } from '../../shared/api/runViews';
import type { ConfigCheck, ConnectionReportView } from '../../shared/api/contract';
import type { ApiError, ApiResult } from '../../shared/api/result';
import type { SliceContext } from './appStore';
import { runsToResume } from './runsToResume';

export interface RunsSlice {
  runs: RunSummary[];
  runsLoaded: boolean;
  runsError: ApiError | null;
  /** Show archived runs too. */
  includeArchived: boolean;
  loadRuns(): Promise<void>;
  setIncludeArchived(include: boolean): Promise<void>;
  /** Starts a run from the new-run form; selects it on success. */
  startRun(config: Record<string, unknown>): Promise<boolean>;
  renameRun(runId: string, name: string): Promise<boolean>;
  archiveRun(runId: string, archived: boolean): Promise<boolean>;
  /** Checks a config as starting it would, writing nothing; a transport failure becomes one issue. */
  checkConfig(config: Record<string, unknown>): Promise<ConfigCheck>;
  testEndpoint(endpoint: Record<string, unknown>): Promise<ApiResult<ConnectionReportView>>;
  /**
   * Runs that were paused or interrupted when the app opened (quitting mid-run pauses them), taken
   * from the first list loaded: offered for resuming once, not for every pause made later.
   */
  resumeOffer: string[] | null;
  dismissResumeOffer(): void;
  /** Resumes any run by id (the resume banner); the selected run's own button is resumeRun. */
  resumeRunById(runId: string): Promise<boolean>;
}

export function createRunsSlice({ set, get, client }: SliceContext): RunsSlice {
  let seq = 0;
  return {
    runs: [],
    runsLoaded: false,
    runsError: null,
    includeArchived: false,
    resumeOffer: null,
    dismissResumeOffer: () => set({ resumeOffer: [] }),
    async resumeRunById(runId) {
      const result = await client.call('runs.resume', { runId });
      if (!result.ok) get().showNotice(result.error);
      await get().loadRuns();
      if (get().selectedRunId === runId) await get().refreshSummary();
      return result.ok;
    },
    async loadRuns() {
      const mine = ++seq;
      const result = await client.call('runs.list', get().includeArchived ? { includeArchived: true } : {});
      if (mine !== seq) return; // a newer refresh is in flight: its answer wins
      if (result.ok) {
        set({ runs: result.value, runsLoaded: true, runsError: null });
        if (get().resumeOffer === null) set({ resumeOffer: runsToResume(result.value).map((run) => run.runId) });
      }
      else set({ runsLoaded: true, runsError: result.error });
    },
    async setIncludeArchived(include) {
      set({ includeArchived: include });
      await get().loadRuns();
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
    async renameRun(runId, name) {
      const result = await client.call('runs.rename', { runId, name });
      if (!result.ok) get().showNotice(result.error);
      await get().loadRuns();
      if (get().selectedRunId === runId) await get().refreshSummary();
      return result.ok;
    },
    async checkConfig(config) {
      const result = await client.call('runs.validateConfig', { config });
      return result.ok ? result.value : { ok: false, issues: [{ path: '', message: result.error.message }] };
    },
    testEndpoint: (endpoint) => client.call('llm.testEndpoint', { endpoint }),
    async archiveRun(runId, archived) {
      const result = await client.call('runs.archive', { runId, archived });
      if (!result.ok) get().showNotice(result.error);
      await get().loadRuns();
      return result.ok;
    },
  };
}
