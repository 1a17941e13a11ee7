import type { ExperimentCellView, ExperimentPlan, ExperimentSummary, ExperimentView, ExperimentStatus } from '../../../shared/api/experimentViews';
import type { RunSummary } from '../../../shared/api/runViews';
import type { RunConfig } from '../../../shared/config/runConfig';
import { RunConfigError, type ConfigIssue } from '../../../shared/config/runConfigError';
import { aggregateExperiment, pooledPairedTest, type TestCorrectness } from '../../../shared/experiments/aggregateExperiment';
import { cellRunConfig, expandGrid, rowLabelOf, type ExperimentCell } from '../../../shared/experiments/experimentCell';
import { experimentConfigSchema, type ExperimentConfig } from '../../../shared/experiments/experimentConfig';
import { EXPERIMENT_STREAM_ID } from '../../../shared/experiments/experimentEvents';
import type { LocalRunService } from '../runs/createRunService';
import type { EventStore } from '../store/types';
import { runConfigOf } from '../runs/runFacts';
import { estimateExperimentCost, type SimilarRun } from './estimateExperimentCost';
import { readExperiments, type RecordedExperiment } from './readExperiments';

export interface ExperimentServiceDeps {
  store: EventStore;
  runs: Pick<LocalRunService, 'start' | 'resume' | 'summary' | 'list' | 'progress' | 'validateConfig'>;
  newExperimentId: () => string;
  /** Resolves a run config as the engine would (presets and defaults filled in). */
  parseConfig: (json: unknown) => RunConfig;
  /** A run's final test, item by item; null when it has none. */
  testCorrectness: (runId: string) => TestCorrectness | null;
  /** Calls and tokens per role of a run, for estimates from similar runs. */
  usageByRole: (runId: string) => Record<string, RunSummary['usage']>;
}

/** A refused experiment file: every field at fault, by its path in the file. */
export class ExperimentConfigError extends RunConfigError {
  constructor(issues: ConfigIssue[]) {
    super(issues);
    this.name = 'ExperimentConfigError';
    this.message = `invalid experiment: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`;
  }
}

export class ExperimentNotFoundError extends Error {
  readonly code = 'not-found';
  constructor(experimentId: string) {
    super(`no experiment ${experimentId} in this database (\`remo experiment list\` shows them)`);
    this.name = 'ExperimentNotFoundError';
  }
}

export interface ExperimentService {
  plan(config: unknown): Promise<ExperimentPlan>;
  start(config: unknown): Promise<{ experimentId: string; runIds: string[] }>;
  list(): ExperimentSummary[];
  show(experimentId: string): ExperimentView;
  resume(experimentId: string): Promise<{ experimentId: string; started: string[]; resumed: string[] }>;
}

/** Completed runs whose final tests are kept in memory at once (an experiment has at most 60). */
const MAX_CACHED_TESTS = 500;

/** Statuses a run can be resumed from; 'stopped' is final (the user stopped it) and 'running' needs nothing. */
const RESUMABLE = new Set(['paused', 'failed', 'interrupted']);

/**
 * Experiments over the RunService: an experiment only starts ordinary runs and records which cell
 * each one holds (ExperimentCreated, then ExperimentRunAdded per run, in `$experiments`). Every
 * cell starts at once: the runs share one request pool per server (electron/core/llm), so the
 * endpoints' `concurrency` holds over all of them, and decision work goes before measurements.
 */
export function createExperimentService(deps: ExperimentServiceDeps): ExperimentService {
  // Final tests of completed runs, item by item. A completed run's log never changes, and `show`
  // is polled while an experiment runs (the CLI's progress, the UI), so each is read once.
  const finalTests = new Map<string, TestCorrectness | null>();
  function parseExperiment(json: unknown): ExperimentConfig {
    const parsed = experimentConfigSchema.safeParse(json);
    if (!parsed.success) {
      throw new ExperimentConfigError(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })));
    }
    return parsed.data;
  }

  /** Every cell's run config checked as `runs.start` would; the data once (all cells share it). */
  async function checkCells(config: ExperimentConfig, cells: readonly ExperimentCell[]): Promise<RunConfig[]> {
    const issues: ConfigIssue[] = [];
    const resolved: RunConfig[] = [];
    for (const cell of cells) {
      const check = await deps.runs.validateConfig(cellRunConfig(config, cell), { checkData: cell.index === 0 });
      const where = `cell ${cell.index} (${rowLabelOf(cell)}, seed ${cell.seed})`;
      for (const issue of check.issues) issues.push({ path: `base${issue.path ? `.${issue.path}` : ''}`, message: `${issue.message} [${where}]` });
      if (check.ok) resolved.push(deps.parseConfig(cellRunConfig(config, cell)));
      // The same base fails the same way in every cell: one cell's issues say it all.
      if (issues.length > 0) break;
    }
    if (issues.length > 0) throw new ExperimentConfigError(issues);
    return resolved;
  }

  function similarRuns(): SimilarRun[] {
    return deps.runs.list().filter((run) => run.status === 'completed').slice(-50).map((run) => ({
      summary: run,
      usageByRole: () => deps.usageByRole(run.runId),
      config: () => runConfigOf(deps.store, run.runId),
    }));
  }

  function require(experimentId: string): RecordedExperiment {
    const experiment = readExperiments(deps.store).get(experimentId);
    if (!experiment) throw new ExperimentNotFoundError(experimentId);
    return experiment;
  }

  function cellViews(experiment: RecordedExperiment): ExperimentCellView[] {
    return experiment.created.cells.map((cell) => {
      const runId = experiment.members.get(cell.index) ?? null;
      const empty = { runId, status: 'not started' as const, done: 0, total: 0, seedVal: null, seedTest: null, val: null, test: null, calls: 0, tokens: 0, wallSeconds: 0, simulated: false };
      if (!runId) return { ...cell, ...empty };
      let summary: RunSummary;
      try {
        summary = deps.runs.summary(runId);
      } catch {
        return { ...cell, ...empty };
      }
      let done = 0;
      let total = 0;
      try {
        const progress = deps.runs.progress(runId);
        done = progress.done;
        total = progress.total;
      } catch {
        // Progress is a nicety; a run without schedule facts yet shows 0 of 0.
      }
      return {
        ...cell, runId, status: summary.status, done, total,
        seedVal: summary.seedVal, seedTest: summary.seedTest, val: summary.val, test: summary.test,
        calls: summary.usage.calls, tokens: summary.usage.promptTokens + summary.usage.completionTokens,
        wallSeconds: summary.wallSeconds, simulated: summary.simulated,
      };
    });
  }

  function summaryOf(experimentId: string, experiment: RecordedExperiment, cells: readonly ExperimentCellView[]): ExperimentSummary {
    const completed = cells.filter((cell) => cell.status === 'completed').length;
    const status: ExperimentStatus = cells.some((cell) => cell.status === 'running') ? 'running' : completed === cells.length ? 'completed' : 'incomplete';
    const grid = experiment.created.grid as { methods?: string[]; seeds?: number[] };
    return {
      experimentId,
      name: experiment.created.name,
      createdAt: experiment.createdAt,
      cells: cells.length,
      completed,
      status,
      methods: grid.methods ?? [],
      seeds: grid.seeds ?? [],
      simulated: cells.some((cell) => cell.simulated) || isSimulatorBase(experiment.created.base),
    };
  }

  async function startCell(experimentId: string, config: ExperimentConfig, cell: ExperimentCell): Promise<string> {
    const { runId } = await deps.runs.start(cellRunConfig(config, cell));
    deps.store.append(EXPERIMENT_STREAM_ID, [{ type: 'ExperimentRunAdded', data: { experimentId, cell: cell.index, runId } }], { expectedVersion: 'any' });
    return runId;
  }

  return {
    async plan(json) {
      const config = parseExperiment(json);
      const cells = expandGrid(config);
      const resolved = await checkCells(config, cells);
      return { name: config.name, runs: cells.length, cells, ...estimateExperimentCost(resolved, similarRuns()), simulated: resolved.every((c) => c.endpoints.every((e) => e.kind === 'simulator')) };
    },

    async start(json) {
      const config = parseExperiment(json);
      const cells = expandGrid(config);
      await checkCells(config, cells);
      const experimentId = deps.newExperimentId();
      deps.store.append(EXPERIMENT_STREAM_ID, [{
        type: 'ExperimentCreated',
        data: { experimentId, name: config.name, base: config.base, grid: config.grid as unknown as Record<string, unknown>, cells },
      }], { expectedVersion: 'any' });
      const runIds: string[] = [];
      for (const cell of cells) runIds.push(await startCell(experimentId, config, cell));
      return { experimentId, runIds };
    },

    list() {
      return [...readExperiments(deps.store)]
        .map(([experimentId, experiment]) => summaryOf(experimentId, experiment, cellViews(experiment)))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },

    show(experimentId) {
      const experiment = require(experimentId);
      const cells = cellViews(experiment);
      const rows = aggregateExperiment(cells);
      const testOf = (runId: string | null) => {
        if (!runId) return null;
        if (!finalTests.has(runId)) {
          if (finalTests.size >= MAX_CACHED_TESTS) finalTests.clear();
          finalTests.set(runId, deps.testCorrectness(runId));
        }
        return finalTests.get(runId) ?? null;
      };
      const comparisons = [];
      for (let i = 0; i < rows.length; i += 1) {
        for (let j = i + 1; j < rows.length; j += 1) {
          const a = rows[i]!;
          const b = rows[j]!;
          const bySeed = new Map<number, { a: TestCorrectness | null; b: TestCorrectness | null }>();
          for (const cell of cells) {
            if (cell.status !== 'completed') continue;
            const label = rowLabelOf(cell);
            if (label !== a.label && label !== b.label) continue;
            const entry = bySeed.get(cell.seed) ?? { a: null, b: null };
            entry[label === a.label ? 'a' : 'b'] = testOf(cell.runId);
            bySeed.set(cell.seed, entry);
          }
          comparisons.push(pooledPairedTest(a.label, b.label, bySeed));
        }
      }
      return {
        ...summaryOf(experimentId, experiment, cells),
        base: experiment.created.base,
        grid: experiment.created.grid,
        cellViews: cells,
        rows,
        comparisons,
      };
    },

    async resume(experimentId) {
      const experiment = require(experimentId);
      const config = parseExperiment({ name: experiment.created.name, base: experiment.created.base, grid: experiment.created.grid });
      const started: string[] = [];
      const resumed: string[] = [];
      for (const cell of experiment.created.cells) {
        const runId = experiment.members.get(cell.index);
        if (!runId) {
          started.push(await startCell(experimentId, config, cell));
          continue;
        }
        const status = deps.runs.summary(runId).status;
        if (RESUMABLE.has(status)) {
          await deps.runs.resume(runId);
          resumed.push(runId);
        }
      }
      return { experimentId, started, resumed };
    },
  };
}

function isSimulatorBase(base: Record<string, unknown>): boolean {
  const endpoints = base.endpoints;
  return Array.isArray(endpoints) && endpoints.length > 0 && endpoints.every((endpoint) => (endpoint as { kind?: unknown }).kind === 'simulator');
}
