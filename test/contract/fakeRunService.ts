import type { RunPoint, RunStateView, RunSummary } from '../../shared/api/runViews';
import type { StoredEvent } from '../../shared/events/envelope';
import type { RunService } from '../../electron/core/runs/runService';

/**
 * A RunService backed by plain arrays, for contract tests when the real core is not wired in.
 * It behaves like the contract says (not-found codes, paging, pushes after "commit") and nothing more.
 */
export function createFakeRunService(): RunService & { emit(runId: string, type: string): StoredEvent } {
  const events: StoredEvent[] = [];
  const runs = new Map<string, RunSummary>();
  const listeners = new Set<(events: readonly StoredEvent[]) => void>();

  function notFound(runId: string): never {
    throw Object.assign(new Error(`no run "${runId}" in this database`), { name: 'RunNotFoundError', code: 'not-found' });
  }
  function summary(runId: string): RunSummary {
    return runs.get(runId) ?? notFound(runId);
  }
  function emit(runId: string, type: string, data: unknown = {}): StoredEvent {
    const own = events.filter((e) => e.streamId === runId).length;
    const event: StoredEvent = {
      globalPosition: events.length + 1,
      streamId: runId,
      streamPosition: own + 1,
      type,
      schemaVersion: 1,
      data,
      metadata: {},
      recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, events.length)).toISOString(),
      hash: String(events.length + 1).padStart(64, '0'),
    };
    events.push(event);
    for (const listener of listeners) listener([event]);
    return event;
  }
  function create(config: Record<string, unknown>, parent?: { runId: string; position: number }): string {
    const runId = `run-${runs.size + 1}`;
    runs.set(runId, {
      runId,
      name: typeof config.name === 'string' ? config.name : runId,
      method: 'remo',
      status: 'completed',
      ...(parent ? { parentRunId: parent.runId, parentPosition: parent.position } : {}),
      createdAt: '2026-01-01T00:00:00.000Z',
      epochsPlanned: 2,
      epochsDone: 2,
      seedVal: 0.5,
      seedTest: 0.5,
      val: 0.7,
      test: 0.68,
      testPromptOnly: 0.6,
      valPromptOnly: 0.65,
      usage: { calls: 10, cachedCalls: 0, estimatedCalls: 0, promptTokens: 1000, completionTokens: 200, latencyMs: 500 },
      wallSeconds: 3,
      simulated: true,
    });
    emit(runId, parent ? 'RunForked' : 'RunStarted', { config });
    for (let epoch = 0; epoch <= 2; epoch += 1) emit(runId, 'EpochEnded', { epoch, val: 0.5 + epoch / 10 });
    return runId;
  }
  function positionOf(runId: string, at: RunPoint): number {
    const own = events.filter((e) => e.streamId === runId);
    if (at === 'end') return own[own.length - 1]?.globalPosition ?? 0;
    if ('position' in at) return at.position;
    const epochEnd = own.filter((e) => e.type === 'EpochEnded')[at.epoch];
    if (!epochEnd) throw Object.assign(new Error(`run ${runId} has no epoch ${at.epoch}`), { code: 'bad-request' });
    return epochEnd.globalPosition;
  }

  return {
    emit: (runId, type) => emit(runId, type),
    async start(config) {
      if (typeof config !== 'object' || config === null || (config as { method?: unknown }).method === 'bogus') {
        throw Object.assign(new Error('method must be one of textgrad, remo-rag, remo-optimizer, remo'), { name: 'RunConfigError' });
      }
      return { runId: create(config as Record<string, unknown>) };
    },
    async waitForRun(runId) {
      return summary(runId);
    },
    async resume(runId) {
      summary(runId);
      return { runId };
    },
    requestPause(runId) {
      summary(runId);
    },
    requestStop(runId) {
      summary(runId);
    },
    async fork(runId, at, overrides) {
      summary(runId);
      return { runId: create({ ...overrides }, { runId, position: positionOf(runId, at) }) };
    },
    list: (options = {}) => [...runs.values()].filter((run) => options.includeArchived || !run.archived),
    summary,
    async validateConfig(config) {
      const method = (config as { method?: unknown } | null)?.method;
      return method === 'bogus' ? { ok: false, issues: [{ path: 'method', message: 'method must be one of: "textgrad", "remo"' }] } : { ok: true, issues: [], resolved: { ...(config as object) } };
    },
    rename(runId, name) {
      runs.set(runId, { ...summary(runId), name });
      return { runId, name };
    },
    archive(runId, archived) {
      runs.set(runId, { ...summary(runId), archived });
      return { runId, archived };
    },
    progress(runId) {
      const s = summary(runId);
      return {
        runId, status: s.status, done: 5, total: 5, phase: 'finished', etaSeconds: null, elapsedSeconds: s.wallSeconds,
        calls: s.usage.calls, tokens: s.usage.promptTokens + s.usage.completionTokens, retries: 0, failures: 0, endpoints: [],
      };
    },
    stateAt(runId, at): RunStateView {
      const s = summary(runId);
      const position = positionOf(runId, at);
      const epochEnds = events.filter((e) => e.streamId === runId && e.type === 'EpochEnded' && e.globalPosition <= position);
      const epoch = Math.max(0, epochEnds.length - 1);
      return {
        runId,
        position,
        epoch,
        step: 0,
        prompt: { version: epoch, text: `prompt after epoch ${epoch}` },
        optimizerInstructions: { version: epoch, text: `Q after epoch ${epoch}` },
        notebook: [],
        metrics: epochEnds.map((e, i) => ({ epoch: i, val: 0.5 + i / 10, valPromptOnly: null, promptVersion: i, optimizerVersion: i, notebookSize: 0, position: e.globalPosition })),
        bestVal: null,
        usage: s.usage,
        usageByRole: {},
        status: s.status,
      };
    },
    events(runId, options = {}) {
      summary(runId);
      const after = options.afterPosition ?? 0;
      return events.filter((e) => e.streamId === runId && e.globalPosition > after).slice(0, options.limit ?? 1000);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
