import { DEFAULT_ENDPOINT } from '../../shared/config/runConfig';
import type { RunSummary } from '../../shared/api/runViews';
import type { ApiClient } from '../../shared/api/transport';

/** Runs whose recorded endpoints are read for names; the newest, so the list stays cheap. */
const RUNS_SAMPLED = 20;

/**
 * Endpoint names a key could be for: the endpoints new runs get by default (as runs.validateConfig
 * resolves them here) and those recorded by recent runs (the config in each run's first event).
 * Names only; best effort: a failed call just contributes nothing.
 */
export async function knownEndpointNames(client: ApiClient, runs: readonly RunSummary[]): Promise<string[]> {
  const names = new Set<string>([DEFAULT_ENDPOINT.name]);
  const addFrom = (config: unknown) => {
    const endpoints = (config as { endpoints?: unknown } | null)?.endpoints;
    if (!Array.isArray(endpoints)) return;
    for (const endpoint of endpoints) {
      const name = (endpoint as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && name.length > 0) names.add(name);
    }
  };
  const recent = [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, RUNS_SAMPLED);
  const [defaults, ...firstEvents] = await Promise.all([
    client.call('runs.validateConfig', { config: { method: 'remo', preset: 'textgrad-dspy' } }),
    ...recent.map((run) => client.call('runs.events', { runId: run.runId, limit: 1 })),
  ]);
  if (defaults?.ok) addFrom(defaults.value.resolved);
  for (const page of firstEvents) if (page.ok) addFrom((page.value.events[0]?.data as { config?: unknown } | undefined)?.config);
  return [...names].sort((a, b) => a.localeCompare(b));
}
