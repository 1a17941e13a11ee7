import type { CompareReport, ComparePair, CompareRun } from '../../../shared/api/compareViews';
import type { RunSummary } from '../../../shared/api/runViews';
import type { MetricSeries } from '../../../shared/api/timelineViews';
import type { RunConfig } from '../../../shared/config/runConfig';
import type { DatasetItem } from '../../../shared/datasets/datasetItem';
import type { EventStore } from '../store/types';
import { comparePair, type TestOutcome } from './comparePair';
import { compareRun } from './compareRun';
import { readTestOutcome } from './readTestOutcome';

export interface CompareDeps {
  store: EventStore;
  /** Throws not-found for an unknown run. */
  summary: (runId: string) => RunSummary;
  metrics: (runId: string) => MetricSeries;
  usageByRole: (runId: string) => Record<string, RunSummary['usage']>;
  config: (runId: string) => RunConfig | undefined;
  trainSize: (runId: string) => number | null;
  /** Dataset items by id of a config's dataset (question and gold of flipped items). */
  itemsOf?: (config: RunConfig) => Promise<ReadonlyMap<string, DatasetItem>>;
}

/**
 * The compare view and `remo compare --json`: one CompareRun per requested run (in request order),
 * and the paired test of every pair of runs scored on shared test items.
 */
export async function buildCompareReport(deps: CompareDeps, runIds: readonly string[]): Promise<CompareReport> {
  const unique = [...new Set(runIds)];
  const runs: CompareRun[] = unique.map((runId) => {
    const summary = deps.summary(runId);
    const config = deps.config(runId);
    return compareRun({
      summary,
      model: summary.model || config?.endpoints[0]?.model || '',
      trainSize: deps.trainSize(runId),
      evaluations: deps.metrics(runId).evaluations,
      usageByRole: deps.usageByRole(runId),
    });
  });
  const outcomes = new Map<string, TestOutcome | null>();
  for (const run of runs) outcomes.set(run.runId, run.testPosition === null ? null : readTestOutcome(deps.store, run.runId, run.testPosition));

  const items = new Map<string, DatasetItem>();
  const loadItems = async (runId: string) => {
    const config = deps.config(runId);
    if (!config || !deps.itemsOf) return;
    try {
      for (const [id, item] of await deps.itemsOf(config)) if (!items.has(id)) items.set(id, item);
    } catch {
      // The dataset changed or is gone: flipped items show without question and gold.
    }
  };
  const pairs: ComparePair[] = [];
  const loaded = new Set<string>();
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const a = outcomes.get(runs[i]!.runId);
      const b = outcomes.get(runs[j]!.runId);
      if (!a || !b) continue;
      for (const runId of [a.runId, b.runId]) if (!loaded.has(runId)) {
        loaded.add(runId);
        await loadItems(runId);
      }
      const pair = comparePair(a, b, (itemId) => {
        const item = items.get(itemId);
        return item ? { question: item.question, gold: item.answer } : undefined;
      });
      if (pair) pairs.push(pair);
    }
  }
  return { runs, pairs };
}
