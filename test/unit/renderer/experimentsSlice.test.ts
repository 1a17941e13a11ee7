import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppendedToRun } from '../../../shared/api/contract';
import type { ExperimentCellView, ExperimentView } from '../../../shared/api/experimentViews';
import { ok } from '../../../shared/api/result';
import { createApiClient } from '../../../shared/api/transport';
import { createAppStore } from '../../../renderer/store/appStore';

function cell(index: number, runId: string, status: ExperimentCellView['status'], done: number): ExperimentCellView {
  return { index, method: 'remo', seed: index, runId, status, done, total: 4, seedVal: null, seedTest: null, val: null, test: null, calls: 0, tokens: 0, wallSeconds: 0, simulated: true };
}

function viewOf(cells: ExperimentCellView[]): ExperimentView {
  return {
    experimentId: 'x1', name: 'e', createdAt: '2026-01-01T00:00:00Z', cells: cells.length, completed: cells.filter((c) => c.status === 'completed').length,
    status: cells.some((c) => c.status === 'running') ? 'running' : 'completed', methods: ['remo'], seeds: cells.map((c) => c.seed), simulated: true,
    base: {}, grid: {}, cellViews: cells, rows: [], comparisons: [],
  };
}

/** A store over a fake core that answers the experiment methods and counts every call. */
function storeOverFake(views: ExperimentView[]) {
  let shown = 0;
  const calls: { method: string; args: unknown }[] = [];
  const client = createApiClient({
    async invoke(method, args) {
      calls.push({ method, args });
      if (method === 'experiments.list') return ok([]);
      if (method === 'experiments.show') return ok(views[Math.min(shown++, views.length - 1)]);
      if (method === 'runs.metrics') {
        const runId = (args as { runId: string }).runId;
        return ok({ runId, trainBatches: [], evaluations: [{ position: 1, label: 'seed-val', epoch: 0, step: 0, split: 'val', accuracy: 0.5, correct: 4, total: 8, withNotebook: false, promptVersion: 0 }], tokens: { roles: [], positions: [], tokens: [] } });
      }
      return ok({});
    },
    subscribe: () => () => undefined,
  });
  const store = createAppStore(client, 'web');
  const count = (method: string) => calls.filter((c) => c.method === method).length;
  return { store, calls, count };
}

const push = (runId: string): AppendedToRun[] => [{ runId, firstPosition: 1, lastPosition: 2, count: 2, types: ['SolverAnswered'] }];
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('the experiments slice', () => {
  it('opening an experiment shows it and fetches each cell run\'s evaluations; again only for cells that moved', async () => {
    const first = viewOf([cell(0, 'r1', 'running', 1), cell(1, 'r2', 'completed', 4)]);
    const second = viewOf([cell(0, 'r1', 'running', 2), cell(1, 'r2', 'completed', 4)]);
    const { store, calls, count } = storeOverFake([first, second]);
    await store.getState().openExperiment('x1');
    await settle();
    expect(store.getState().experiment?.experimentId).toBe('x1');
    expect(count('runs.metrics')).toBe(2);
    expect(Object.keys(store.getState().cellEvaluations).sort()).toEqual(['r1', 'r2']);
    await store.getState().refreshExperiment();
    await settle();
    expect(calls.filter((c) => c.method === 'runs.metrics').map((c) => (c.args as { runId: string }).runId)).toEqual(['r1', 'r2', 'r1']);
  });

  it('pushes refresh the page only on the Experiments page, only for $experiments or its cells, at most once a second', async () => {
    vi.useFakeTimers();
    const { store, count } = storeOverFake([viewOf([cell(0, 'r1', 'running', 1)])]);
    await store.getState().openExperiment('x1');
    const before = count('experiments.show');
    store.getState().onExperimentPushes(push('r1'));
    expect(count('experiments.show')).toBe(before); // the Runs page is shown
    store.getState().showPage('experiments');
    store.getState().onExperimentPushes(push('other-run'));
    expect(count('experiments.show')).toBe(before); // not a cell of this experiment
    store.getState().onExperimentPushes(push('r1'));
    expect(count('experiments.show')).toBe(before + 1);
    store.getState().onExperimentPushes(push('$experiments'));
    store.getState().onExperimentPushes(push('r1'));
    expect(count('experiments.show')).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(count('experiments.show')).toBe(before + 2);
  });

  it('with the list shown, any run\'s push may move it: the list is asked again', async () => {
    const { store, count } = storeOverFake([]);
    store.getState().showPage('experiments');
    await store.getState().loadExperiments();
    store.getState().onExperimentPushes(push('r9'));
    expect(count('experiments.list')).toBe(2);
  });
});
