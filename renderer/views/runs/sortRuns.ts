import type { RunSummary } from '../../../shared/api/runViews';

export type RunSortKey = 'created' | 'name' | 'method' | 'model' | 'status' | 'val' | 'test' | 'calls' | 'tokens' | 'time';
export interface RunFilter { text: string; method: string; status: string }

const valueOf = (run: RunSummary, key: RunSortKey): string | number | null => {
  switch (key) {
    case 'created': return run.createdAt;
    case 'name': return run.name.toLowerCase();
    case 'method': return run.method;
    case 'model': return run.model ?? '';
    case 'status': return run.status;
    case 'val': return run.val;
    case 'test': return run.test;
    case 'calls': return run.usage.calls;
    case 'tokens': return run.usage.promptTokens + run.usage.completionTokens;
    case 'time': return run.wallSeconds;
  }
};

/** Runs matching the filter (text in id, name, method, model or parent), sorted; unmeasured values last. */
export function filterAndSortRuns(runs: readonly RunSummary[], filter: RunFilter, key: RunSortKey, descending: boolean): RunSummary[] {
  const needle = filter.text.trim().toLowerCase();
  const matching = runs.filter((run) =>
    (!filter.method || run.method === filter.method) &&
    (!filter.status || run.status === filter.status) &&
    (!needle || [run.runId, run.name, run.method, run.model ?? '', run.parentRunId ?? ''].some((field) => field.toLowerCase().includes(needle))));
  return [...matching].sort((a, b) => {
    const x = valueOf(a, key);
    const y = valueOf(b, key);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = x < y ? -1 : x > y ? 1 : 0;
    return descending ? -order : order;
  });
}
