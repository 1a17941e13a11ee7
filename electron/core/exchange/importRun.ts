import type { NewEvent, StoredEvent } from '../../../shared/events/envelope';
import { parseJsonBounded } from '../../../shared/json/boundedJson';
import type { AppendBatch, EventStore } from '../store/types';
import { VersionConflict } from '../store/versionConflict';
import type { EventRegistry } from '../store/eventRegistry';
import { rejectInlineApiKeys } from '../runs/configGuards';
import { validateRunConfig } from '../runs/validateRunConfig';
import {
  ExchangeFormatError,
  canonicalJson,
  exchangeEventSchema,
  exchangeHeaderSchema,
  sha256OfLines,
  type ExchangeEvent,
  type ExchangeHeader,
} from './exchangeFormat';

/** The file's run (or one it reads) exists here with different events: importing would fork history. */
export class ImportConflictError extends Error {
  override name = 'ImportConflictError';
  readonly code = 'conflict';
}

export interface ImportDeps {
  /** The target store: reads, conflict checks, and the one transaction that writes the import. */
  store: EventStore;
  registry: EventRegistry;
}

export interface ImportResult {
  runId: string;
  /** Events appended to this database. */
  written: number;
  /** Events already present (identical), e.g. a fork's parent imported before. */
  alreadyPresent: number;
  /** Every run the file holds (the run, its fork ancestors and memory sources), in order of first appearance. */
  runIds: string[];
}

interface PlannedEvent {
  source: ExchangeEvent;
  /** Data after upcasting to this build's schema and remapping positions into this log. */
  data: unknown;
  /** Global position in this log (existing, or predicted for events still to write). */
  target: number;
  write: boolean;
}

/**
 * `remo import`: validates the whole file first (header, checksum, every line's shape and schema,
 * stream continuity, conflicts with runs already here), then appends. Positions are remapped: a
 * fork's parentPosition and a memory source's position point into THIS log afterwards.
 *
 * All-or-nothing: nothing is written unless every check passes, and the writes are one
 * transaction (a crash mid-import leaves no partial run). Imported events keep their original
 * `recordedAt`: summaries derive created time and wall time from it.
 */
export function importRunLines(deps: ImportDeps, text: string): ImportResult {
  const { header, events } = parseFile(text);
  const { store, registry } = deps;
  const lineageOf = lineageResolver(events);

  // Old (source) global position -> planned event, filled in global order.
  const planned: PlannedEvent[] = [];
  const existingByStream = new Map<string, StoredEvent[]>();
  const plannedHead = store.lastGlobalPosition();
  let nextPosition = plannedHead;

  for (const source of events) {
    const upcast = upcastOrRefuse(registry, source);
    const data = remapPositions(source, upcast, planned, lineageOf);
    try {
      registry.prepareForAppend(source.type, data);
      checkAsEngineWrote(source.type, data);
    } catch (error) {
      throw new ExchangeFormatError(`line for ${source.streamId}#${source.streamPosition} (${source.type}): ${messageOf(error)}`);
    }
    let existing = existingByStream.get(source.streamId);
    if (!existing) {
      existing = store.readOwnEvents(source.streamId);
      existingByStream.set(source.streamId, existing);
    }
    const present = existing[source.streamPosition - 1];
    if (present) {
      if (!sameEvent(present, source, data)) {
        throw new ImportConflictError(
          `run ${source.streamId} already exists in this database with different events (first difference at its event ${source.streamPosition}); nothing was imported`,
        );
      }
      planned.push({ source, data, target: present.globalPosition, write: false });
    } else {
      if (existing.length > 0) {
        // Extending a run that exists here would merge two histories; a fork is the way to branch.
        throw new ImportConflictError(`run ${source.streamId} exists here with fewer events than the file (${existing.length}); nothing was imported`);
      }
      nextPosition += 1;
      planned.push({ source, data, target: nextPosition, write: true });
    }
  }

  const mainExisting = existingByStream.get(header.runId) ?? [];
  const mainInFile = events.filter((event) => event.streamId === header.runId).length;
  if (mainExisting.length > mainInFile) {
    throw new ImportConflictError(`run ${header.runId} already exists here with more events than the file (${mainExisting.length} > ${mainInFile}); nothing was imported`);
  }

  const toWrite = planned.filter((event) => event.write);
  writeAtOnce(store, toWrite, plannedHead);
  return { runId: header.runId, written: toWrite.length, alreadyPresent: planned.length - toWrite.length, runIds: header.streams.map((stream) => stream.streamId) };
}

function parseFile(text: string): { header: ExchangeHeader; events: ExchangeEvent[] } {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new ExchangeFormatError('the file is empty');
  const header = parseLine(lines[0]!, 1, (json) => exchangeHeaderSchema.parse(json));
  const eventLines = lines.slice(1);
  if (eventLines.length !== header.eventCount) {
    throw new ExchangeFormatError(`the header announces ${header.eventCount} events but the file has ${eventLines.length} event lines (truncated or edited?)`);
  }
  if (sha256OfLines(eventLines) !== header.sha256) {
    throw new ExchangeFormatError('the event lines do not match the checksum in the header (the file was corrupted or edited)');
  }
  const events = eventLines.map((line, index) => parseLine(line, index + 2, (json) => exchangeEventSchema.parse(json)));

  const positions = new Map<string, number>();
  let lastGlobal = 0;
  for (const [index, event] of events.entries()) {
    if (event.globalPosition <= lastGlobal) throw new ExchangeFormatError(`line ${index + 2}: events are not in global order`);
    lastGlobal = event.globalPosition;
    const expected = (positions.get(event.streamId) ?? 0) + 1;
    if (event.streamPosition !== expected) {
      throw new ExchangeFormatError(`line ${index + 2}: ${event.streamId} event ${event.streamPosition} follows event ${expected - 1}; the file must hold each stream from its start without gaps`);
    }
    positions.set(event.streamId, expected);
  }
  const announced = canonicalJson(header.streams);
  const actual = canonicalJson([...positions].map(([streamId, count]) => ({ streamId, events: count })));
  if (announced !== actual) throw new ExchangeFormatError('the header lists different streams than the file holds');
  if (!positions.has(header.runId)) throw new ExchangeFormatError(`the file holds no event of its run ${header.runId}`);
  return { header, events };
}

function parseLine<T>(line: string, lineNumber: number, parse: (json: unknown) => T): T {
  let json: unknown;
  try {
    json = parseJsonBounded(line);
  } catch (error) {
    throw new ExchangeFormatError(`line ${lineNumber}: not JSON (${messageOf(error)})`);
  }
  try {
    return parse(json);
  } catch (error) {
    const issues = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues;
    const detail = issues ? issues.map((i) => `${i.path.map(String).join('.') || '(line)'}: ${i.message}`).join('; ') : messageOf(error);
    throw new ExchangeFormatError(`line ${lineNumber}: ${detail}`);
  }
}

/** Event types that record a run's resolved config (and, for forks and reconfigurations, the overrides applied). */
const CONFIG_EVENTS = new Set(['RunStarted', 'RunForked', 'RunReconfigured']);

/**
 * The event registry's schemas are deliberately loose about a recorded config (old runs keep
 * fields later builds dropped), so they do not hold an imported file to what the engine writes.
 * A config event is checked here exactly as `runs.start` / `runs.fork` / `runs.resume --set`
 * check what they record: no inline API key anywhere (config or overrides), and the config parses
 * through the engine's run-config parser. Otherwise a forged file (checksum recomputed) could put
 * a key, or a config no command accepts, into the immutable log, where `fork` and `resume` would
 * then trip over it.
 */
function checkAsEngineWrote(type: string, data: unknown): void {
  if (!CONFIG_EVENTS.has(type)) return;
  const { config, overrides } = data as { config?: unknown; overrides?: unknown };
  if (overrides !== undefined) rejectInlineApiKeys(overrides, 'overrides');
  validateRunConfig(config);
}

function upcastOrRefuse(registry: EventRegistry, event: ExchangeEvent): unknown {
  try {
    return registry.upcast(event.type, event.schemaVersion, event.data, 0).data;
  } catch (error) {
    throw new ExchangeFormatError(`${event.streamId}#${event.streamPosition}: ${messageOf(error)}`);
  }
}

/** Streams whose events a read of `streamId`'s logical stream may include, from the file's RunForked events. */
function lineageResolver(events: readonly ExchangeEvent[]): (streamId: string) => Set<string> {
  const parents = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'RunForked' && event.streamPosition === 1) {
      parents.set(event.streamId, (event.data as { parentRunId: string }).parentRunId);
    }
  }
  return (streamId) => {
    const lineage = new Set<string>();
    for (let current: string | undefined = streamId; current && !lineage.has(current); current = parents.get(current)) {
      lineage.add(current);
    }
    return lineage;
  };
}

/**
 * Positions inside event data point into the source log. Each maps to the target position of the
 * last event at or before it that belongs to the referenced lineage: the set of events a read
 * "up to p" returns is then the same here as there.
 */
function remapPositions(
  source: ExchangeEvent,
  data: unknown,
  planned: readonly PlannedEvent[],
  lineageOf: (streamId: string) => Set<string>,
): unknown {
  const map = (runId: string, position: number, what: string): number => {
    const lineage = lineageOf(runId);
    let target: number | undefined;
    for (const event of planned) {
      if (event.source.globalPosition > position) break;
      if (lineage.has(event.source.streamId)) target = event.target;
    }
    if (target === undefined) {
      throw new ExchangeFormatError(`${source.streamId}#${source.streamPosition} (${source.type}): ${what} ${position} of ${runId} is not in the file`);
    }
    return target;
  };
  if (source.type === 'RunForked') {
    const fork = data as { parentRunId: string; parentPosition: number };
    return { ...fork, parentPosition: map(fork.parentRunId, fork.parentPosition, 'parent position') };
  }
  if (source.type === 'RunStarted') {
    const started = data as { memory?: { fromRunId: string; position: number } | null };
    if (started.memory) {
      return { ...started, memory: { ...started.memory, position: map(started.memory.fromRunId, started.memory.position, 'memory position') } };
    }
  }
  return data;
}

function sameEvent(present: StoredEvent, source: ExchangeEvent, data: unknown): boolean {
  return (
    present.type === source.type &&
    present.recordedAt === source.recordedAt &&
    canonicalJson(present.data) === canonicalJson(data) &&
    canonicalJson(present.metadata) === canonicalJson(source.metadata)
  );
}

/**
 * Writes the planned events in one transaction, grouped into consecutive runs of one stream and
 * one recordedAt. The log must still end where planning saw it: the remapped positions in the
 * events' data were computed from that.
 */
function writeAtOnce(store: EventStore, toWrite: readonly PlannedEvent[], plannedHead: number): void {
  if (toWrite.length === 0) return;
  const batches: Array<AppendBatch & { events: NewEvent[]; recordedAtText: string }> = [];
  for (const event of toWrite) {
    const previous = batches.at(-1);
    const { streamId, recordedAt, streamPosition, type, metadata } = event.source;
    const newEvent: NewEvent = { type, data: event.data, metadata };
    if (previous && previous.streamId === streamId && previous.recordedAtText === recordedAt) previous.events.push(newEvent);
    else batches.push({ streamId, events: [newEvent], options: { expectedVersion: streamPosition - 1 }, recordedAt: new Date(recordedAt), recordedAtText: recordedAt });
  }
  try {
    store.appendAll(batches, { expectedLastGlobalPosition: plannedHead });
  } catch (error) {
    if (error instanceof VersionConflict) throw new ImportConflictError(`another writer appended to this database during the import; nothing was imported, try again (${error.message})`);
    throw error;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
