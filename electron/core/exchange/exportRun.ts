import type { StoredEvent } from '../../../shared/events/envelope';
import type { Clock, EventStore } from '../store/types';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, sha256OfLines, type ExchangeEvent, type ExchangeHeader } from './exchangeFormat';

/** Where a run reads another run's state: RunStarted.memory (cross-run memory). */
interface MemorySource {
  fromRunId: string;
  position: number;
}

function memorySourceOf(event: StoredEvent): MemorySource | undefined {
  if (event.type !== 'RunStarted') return undefined;
  const memory = (event.data as { memory?: MemorySource | null }).memory;
  return memory ? { fromRunId: memory.fromRunId, position: memory.position } : undefined;
}

/**
 * Every event `runId` depends on, in global order: its logical stream (fork ancestors up to the
 * fork points), plus, recursively, the logical streams of runs it takes memory from, up to the
 * position it took it at. Without those, an imported run's projections could not be rebuilt.
 */
export function collectRunHistory(store: EventStore, runId: string): StoredEvent[] {
  const byPosition = new Map<number, StoredEvent>();
  const pending: Array<{ streamId: string; upTo?: number }> = [{ streamId: runId }];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const { streamId, upTo } = pending.pop()!;
    const key = `${streamId}@${upTo ?? 'end'}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const events = store.readStream(streamId, upTo === undefined ? {} : { toGlobalPosition: upTo });
    for (const event of events) {
      byPosition.set(event.globalPosition, event);
      const source = memorySourceOf(event);
      if (source) pending.push({ streamId: source.fromRunId, upTo: source.position });
    }
  }
  return [...byPosition.values()].sort((a, b) => a.globalPosition - b.globalPosition);
}

/**
 * Serialises a run for `remo export`: returns the JSONL lines (header first), without newlines.
 * Events are written as read (upcast to the current schema), so the file is in this build's shapes.
 */
export function exportRunLines(store: EventStore, runId: string, clock: Clock): string[] {
  const history = collectRunHistory(store, runId);
  if (history.length === 0) {
    throw Object.assign(new Error(`no run "${runId}" in this database`), { name: 'RunNotFoundError', code: 'not-found' });
  }
  const eventLines = history.map((event) => {
    const line: ExchangeEvent = {
      streamId: event.streamId,
      streamPosition: event.streamPosition,
      globalPosition: event.globalPosition,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: event.metadata,
      recordedAt: event.recordedAt,
      hash: event.hash,
    };
    return JSON.stringify(line);
  });
  const counts = new Map<string, number>();
  for (const event of history) counts.set(event.streamId, (counts.get(event.streamId) ?? 0) + 1);
  const header: ExchangeHeader = {
    format: EXCHANGE_FORMAT,
    version: EXCHANGE_VERSION,
    runId,
    exportedAt: clock().toISOString(),
    eventCount: eventLines.length,
    sha256: sha256OfLines(eventLines),
    streams: [...counts].map(([streamId, events]) => ({ streamId, events })),
  };
  return [JSON.stringify(header), ...eventLines];
}

/** The export file as one text (lines joined, final newline): what `runs.export` returns and `remo export` writes. */
export function exportRunText(store: EventStore, runId: string, clock: Clock): { content: string; eventCount: number } {
  const lines = exportRunLines(store, runId, clock);
  return { content: lines.join('\n') + '\n', eventCount: lines.length - 1 };
}
