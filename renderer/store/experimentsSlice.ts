import type { AppendedToRun } from '../../shared/api/contract';
import type { ExperimentPlan, ExperimentSummary, ExperimentView } from '../../shared/api/experimentViews';
import type { ApiError, ApiResult } from '../../shared/api/result';
import type { EvaluationPoint } from '../../shared/api/timelineViews';
import { EXPERIMENT_STREAM_ID } from '../../shared/experiments/experimentEvents';
import { emitAppEvent } from '../appEvents';
import type { SliceContext } from './appStore';
import { createLatestOnly } from './latestOnly';
import { createThrottle } from './throttle';

/** Experiments: the list, the one open, and the evaluations of its cell runs for the curves. */
export interface ExperimentsSlice {
  experiments: ExperimentSummary[];
  experimentsLoaded: boolean;
  experimentsError: ApiError | null;
  loadExperiments(): Promise<void>;
  /** The experiment the Experiments page shows; null shows the list. */
  openExperimentId: string | null;
  experiment: ExperimentView | null;
  experimentError: ApiError | null;
  /** Val and test evaluations of each cell's run (`runs.metrics`), by run id. */
  cellEvaluations: Record<string, EvaluationPoint[]>;
  openExperiment(experimentId: string | null): Promise<void>;
  /** Asks the core for the open experiment again, then the evaluations of cells that moved. */
  refreshExperiment(): Promise<void>;
  /** What an experiment file would start and cost (`experiments.plan`); writes nothing. */
  planExperiment(config: Record<string, unknown>): Promise<ApiResult<ExperimentPlan>>;
  /** Starts it; on success the list is reloaded and the experiment opened. */
  startExperiment(config: Record<string, unknown>): Promise<ApiResult<{ experimentId: string; runIds: string[] }>>;
  /** Starts the cells without a run and resumes the runs that did not complete. */
  resumeExperiment(experimentId: string): Promise<boolean>;
  /** Opens a cell's run in the run view (the Runs page). */
  openCellRun(runId: string): Promise<void>;
  /** Called for every pushed batch: `$experiments` or a cell's run moved, so the page refreshes (throttled). */
  onExperimentPushes(batches: readonly AppendedToRun[]): void;
}

/** The page refreshes on pushes at most this often. */
const PUSH_REFRESH_MS = 1000;
/** `runs.metrics` calls in flight at once when an experiment of many cells is opened. */
const METRICS_IN_FLIGHT = 4;

export function createExperimentsSlice({ set, get, client }: SliceContext): ExperimentsSlice {
  let listSeq = 0;
  let showSeq = 0;
  /** Per run: the cell state its evaluations were fetched at (refetched when the cell moves). */
  const fetchedAt = new Map<string, string>();

  const loadCurves = createLatestOnly(async (view: ExperimentView) => {
    const stale = view.cellViews.filter((cell) => cell.runId && fetchedAt.get(cell.runId) !== cellState(cell));
    const found: Record<string, EvaluationPoint[]> = {};
    let next = 0;
    const worker = async () => {
      while (next < stale.length) {
        const cell = stale[next++]!;
        const result = await client.call('runs.metrics', { runId: cell.runId! });
        if (!result.ok) continue; // no curve for that run; the table still has its numbers
        found[cell.runId!] = result.value.evaluations;
        fetchedAt.set(cell.runId!, cellState(cell));
      }
    };
    await Promise.all(Array.from({ length: Math.min(METRICS_IN_FLIGHT, stale.length) }, worker));
    if (get().openExperimentId !== view.experimentId || Object.keys(found).length === 0) return;
    set({ cellEvaluations: { ...get().cellEvaluations, ...found } });
  });

  const refreshSoon = createThrottle(() => {
    if (get().openExperimentId) void get().refreshExperiment();
    else void get().loadExperiments();
  }, PUSH_REFRESH_MS);

  return {
    experiments: [],
    experimentsLoaded: false,
    experimentsError: null,
    async loadExperiments() {
      const mine = ++listSeq;
      const result = await client.call('experiments.list', {});
      if (mine !== listSeq) return;
      if (result.ok) set({ experiments: result.value, experimentsLoaded: true, experimentsError: null });
      else set({ experimentsLoaded: true, experimentsError: result.error });
    },
    openExperimentId: null,
    experiment: null,
    experimentError: null,
    cellEvaluations: {},
    async openExperiment(experimentId) {
      if (experimentId !== get().openExperimentId) {
        fetchedAt.clear();
        set({ openExperimentId: experimentId, experiment: null, experimentError: null, cellEvaluations: {} });
      }
      if (experimentId) await get().refreshExperiment();
      else await get().loadExperiments();
    },
    async refreshExperiment() {
      const experimentId = get().openExperimentId;
      if (!experimentId) return;
      const mine = ++showSeq;
      const result = await client.call('experiments.show', { experimentId });
      if (mine !== showSeq || get().openExperimentId !== experimentId) return;
      if (!result.ok) {
        set({ experimentError: result.error });
        return;
      }
      set({ experiment: result.value, experimentError: null });
      emitAppEvent('experiment-loaded', { experimentId, status: result.value.status, completed: result.value.completed });
      void loadCurves(result.value);
    },
    planExperiment: (config) => client.call('experiments.plan', { config }),
    async startExperiment(config) {
      const result = await client.call('experiments.start', { config });
      if (result.ok) {
        void get().loadRuns();
        await get().openExperiment(result.value.experimentId);
      }
      return result;
    },
    async resumeExperiment(experimentId) {
      const result = await client.call('experiments.resume', { experimentId });
      if (!result.ok) get().showNotice(result.error);
      if (get().openExperimentId === experimentId) await get().refreshExperiment();
      await get().loadExperiments();
      return result.ok;
    },
    async openCellRun(runId) {
      get().showPage('runs');
      await get().selectRun(runId);
    },
    onExperimentPushes(batches) {
      if (get().page !== 'experiments') return;
      const open = get().experiment;
      const cellRuns = open ? new Set(open.cellViews.flatMap((cell) => (cell.runId ? [cell.runId] : []))) : null;
      // A list without an open experiment cannot tell cell runs from others: any run's events may move it.
      const moved = batches.some((batch) => batch.runId === EXPERIMENT_STREAM_ID || (cellRuns ? cellRuns.has(batch.runId) : !batch.runId.startsWith('$')));
      if (moved) refreshSoon();
    },
  };
}

/** What decides whether a cell's evaluations may have changed since they were fetched. */
function cellState(cell: ExperimentView['cellViews'][number]): string {
  return `${cell.status}:${cell.done}:${cell.val}:${cell.test}`;
}
