import type BetterSqlite3 from 'better-sqlite3';
import { RUN_FORKED, type NewEvent, type RunForkedData, type StoredEvent } from '../../../shared/events/envelope';
import type { AppendBatch, AppendOptions, AppendResult, Clock, Db, EventStore, ReadAllOptions, ReadStreamOptions } from './types';
import type { EventRegistry } from './eventRegistry';
import type { ProjectionSet } from '../projections/projectionSet';
import { computeEventHash, GENESIS_HASH } from './eventHash';
import { EVENT_COLUMNS, eventFromRow, type EventRow } from './eventRow';
import { forkLineage, type ForkOrigin } from './forkLineage';
import { InvalidAppendError } from './storeErrors';
import { VersionConflict, versionMatches } from './versionConflict';

const DEFAULT_PAGE_SIZE = 1_000;
const NO_UPPER_BOUND = Number.MAX_SAFE_INTEGER;
const STREAM_PAGE_SIZE = 1_000;

const DEFAULT_EXTERNAL_POLL_MS = 250;

/** The stream name a VersionConflict carries when the whole log was not where the writer expected. */
export const ALL_STREAMS = '$all';

/** Called when a subscriber throws: the append is already committed, so the error must not reach the appender. */
export type ListenerErrorHandler = (error: unknown) => void;

/**
 * The SQLite event store: one `events` table, hash-chained in global order, immutable by trigger.
 * Every append is one IMMEDIATE transaction that checks the expected version, writes the events and
 * applies the inline projections; subscribers are told after commit. Single writer per database
 * file is assumed (the app's one writer connection); readers may use read-only connections.
 */
export class SqliteEventStore implements EventStore {
  private readonly listeners = new Set<(events: readonly StoredEvent[]) => void>();
  /** Last global position handed to subscribers: every event reaches them once, in global order. */
  private delivered = 0;
  /** Polls for events other connections (other processes) committed, while anyone subscribes. */
  private externalWatch: ReturnType<typeof setInterval> | undefined;
  /** Fork origins never change once a stream's first event is written, so they are cached. */
  private readonly origins = new Map<string, ForkOrigin | null>();
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(
    readonly db: Db,
    private readonly clock: Clock,
    readonly registry: EventRegistry,
    private readonly projectionSet: ProjectionSet,
    private readonly onListenerError: ListenerErrorHandler,
    /** How often subscribers are brought events appended by other processes (a `remo run` next to `remo web`). */
    private readonly externalPollMs = DEFAULT_EXTERNAL_POLL_MS,
  ) {
    this.statements = prepareStatements(db);
  }

  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): AppendResult {
    return this.appendAll([{ streamId, events, options }])[0]!;
  }

  appendAll(batches: readonly AppendBatch[], options: { expectedLastGlobalPosition?: number } = {}): AppendResult[] {
    if (this.db.readonly) throw new Error('this event store was opened read-only');
    if (this.db.inTransaction) {
      // Subscribers are told "after commit"; inside a caller's transaction we could not know when that is.
      throw new Error('append runs its own transaction; do not call it inside another one');
    }
    for (const batch of batches) if (batch.streamId.length === 0) throw new InvalidAppendError('stream id must not be empty');
    const written = this.db
      .transaction(() => {
        const expectedHead = options.expectedLastGlobalPosition;
        if (expectedHead !== undefined && this.lastGlobalPosition() !== expectedHead) {
          throw new VersionConflict(ALL_STREAMS, expectedHead, this.lastGlobalPosition());
        }
        return batches.map((batch) => this.appendInTransaction(batch.streamId, batch.events, batch.options, batch.recordedAt ?? this.clock()));
      })
      .immediate();
    const stored = written.flat();
    if (stored.length > 0) this.notify(stored);
    return written.map((events, index) => {
      const last = events[events.length - 1];
      return {
        nextExpectedVersion: last ? last.streamPosition : this.streamVersion(batches[index]!.streamId),
        lastGlobalPosition: last ? last.globalPosition : this.lastGlobalPosition(),
        events,
      };
    });
  }

  private appendInTransaction(streamId: string, events: readonly NewEvent[], options: AppendOptions, now: Date): StoredEvent[] {
    const actual = this.streamVersion(streamId);
    if (!versionMatches(options.expectedVersion, actual)) throw new VersionConflict(streamId, options.expectedVersion, actual);
    const prepared = events.map((event) => this.registry.prepareForAppend(event.type, event.data));
    events.forEach((event, index) => {
      if (event.type === RUN_FORKED) this.assertValidFork(streamId, actual + index, prepared[index]!.data as RunForkedData);
    });

    const head = this.statements.head.get() as { global_position: number; hash: string } | undefined;
    let globalPosition = head?.global_position ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const recordedAt = now.toISOString();
    const stored: StoredEvent[] = [];
    events.forEach((event, index) => {
      globalPosition += 1;
      const streamPosition = actual + index + 1;
      const { schemaVersion, data } = prepared[index]!;
      const dataJson = JSON.stringify(data ?? null);
      const metadataJson = JSON.stringify(event.metadata ?? {});
      const hash = computeEventHash(prevHash, {
        globalPosition, streamId, streamPosition, type: event.type, schemaVersion, dataJson, metadataJson, recordedAt,
      });
      this.statements.insert.run(globalPosition, streamId, streamPosition, event.type, schemaVersion, dataJson, metadataJson, recordedAt, hash);
      prevHash = hash;
      // Handed out as read back from JSON, so live subscribers and projections see exactly what a replay will see.
      stored.push({
        globalPosition, streamId, streamPosition, type: event.type, schemaVersion,
        data: JSON.parse(dataJson), metadata: JSON.parse(metadataJson), recordedAt, hash,
      });
    });
    // The head moves in the same transaction (verify compares it with the log's end). A database
    // still at a schema before migration 0009 (tests open old prefixes) has no head to move.
    const last = stored[stored.length - 1];
    if (last && this.statements.setHead) this.statements.setHead.run(last.globalPosition, last.hash);
    this.projectionSet.applyInline(stored, this);
    return stored;
  }

  /** A RunForked must open its stream and point into an existing parent's logical stream. */
  private assertValidFork(streamId: string, existingVersion: number, fork: RunForkedData): void {
    if (existingVersion !== 0) {
      throw new InvalidAppendError(`${RUN_FORKED} must be the first event of its stream; ${streamId} would get it at position ${existingVersion + 1}`);
    }
    if (fork.parentRunId === streamId) throw new InvalidAppendError(`stream ${streamId} cannot fork from itself`);
    if (this.streamVersion(fork.parentRunId) === 0) {
      throw new InvalidAppendError(`${RUN_FORKED} names parent ${fork.parentRunId}, which has no events`);
    }
    const owner = this.statements.streamAt.get(fork.parentPosition) as { stream_id: string } | undefined;
    const lineage = forkLineage(fork.parentRunId, (id) => this.forkOrigin(id));
    const inParent = owner !== undefined && lineage.some((segment) => segment.streamId === owner.stream_id && fork.parentPosition <= segment.upTo);
    if (!inParent) {
      throw new InvalidAppendError(
        `${RUN_FORKED}: global position ${fork.parentPosition} is not part of ${fork.parentRunId}'s logical stream`,
      );
    }
  }

  private forkOrigin(streamId: string): ForkOrigin | undefined {
    const cached = this.origins.get(streamId);
    if (cached !== undefined) return cached ?? undefined;
    const first = this.statements.firstEvent.get(streamId) as EventRow | undefined;
    if (!first) return undefined; // not cached: the stream may be created later
    let origin: ForkOrigin | null = null;
    if (first.type === RUN_FORKED) {
      const { parentRunId, parentPosition } = eventFromRow(first, this.registry).data as RunForkedData;
      origin = { parentRunId, parentPosition };
    }
    this.origins.set(streamId, origin);
    return origin ?? undefined;
  }

  streamVersion(streamId: string): number {
    return (this.statements.version.get(streamId) as { version: number | null }).version ?? 0;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): StoredEvent[] {
    return [...this.iterateStream(streamId, options)];
  }

  /**
   * The logical stream as a lazy sequence, fetched in pages: a fold over a long run keeps only one
   * page alive (far less GC than materialising every event). Pages use `.all()`, not a cursor, so
   * the consumer may read the store while iterating (better-sqlite3 forbids other statements while
   * a cursor is open). The sequence is fixed when iteration starts: the lineage is resolved up front.
   */
  *iterateStream(streamId: string, options: ReadStreamOptions = {}): Generator<StoredEvent, void, undefined> {
    const from = options.fromGlobalPosition ?? 1;
    const to = options.toGlobalPosition ?? NO_UPPER_BOUND;
    for (const segment of forkLineage(streamId, (id) => this.forkOrigin(id))) {
      const upper = Math.min(segment.upTo, to);
      if (upper < from) continue;
      // Global bounds -> stream-position bounds (the two are co-monotonic within a stream), so
      // pages are pure ranges of the (stream_id, stream_position) index.
      let after = from <= 1 ? 0 : this.lastStreamPositionBefore(segment.streamId, from);
      const last = upper >= NO_UPPER_BOUND ? NO_UPPER_BOUND : this.lastStreamPositionBefore(segment.streamId, upper + 1);
      while (after < last) {
        const rows = this.statements.streamPage.all(segment.streamId, after, last, STREAM_PAGE_SIZE) as EventRow[];
        for (const row of rows) yield eventFromRow(row, this.registry);
        if (rows.length < STREAM_PAGE_SIZE) break;
        after = rows[rows.length - 1]!.stream_position;
      }
    }
  }

  /** Stream position of the stream's last event with a global position below `globalPosition` (0 if none). */
  private lastStreamPositionBefore(streamId: string, globalPosition: number): number {
    const row = this.statements.streamPositionBefore.get(streamId, globalPosition) as { stream_position: number } | undefined;
    return row?.stream_position ?? 0;
  }

  readOwnEvents(streamId: string): StoredEvent[] {
    return (this.statements.ownEvents.all(streamId) as EventRow[]).map((row) => eventFromRow(row, this.registry));
  }

  readAll(options: ReadAllOptions = {}): StoredEvent[] {
    const after = options.after ?? 0;
    const limit = options.limit ?? DEFAULT_PAGE_SIZE;
    const rows = options.types
      ? this.statements.allOfTypes.all(after, JSON.stringify(options.types), limit)
      : this.statements.all.all(after, limit);
    return (rows as EventRow[]).map((row) => eventFromRow(row, this.registry));
  }

  lastGlobalPosition(): number {
    return (this.statements.head.get() as { global_position: number } | undefined)?.global_position ?? 0;
  }

  listStreams(): string[] {
    return (this.statements.streams.all() as { stream_id: string }[]).map((row) => row.stream_id);
  }

  subscribe(listener: (events: readonly StoredEvent[]) => void): () => void {
    if (this.listeners.size === 0) {
      this.delivered = this.lastGlobalPosition();
      // unref: a subscriber alone must not keep a CLI process alive.
      this.externalWatch = setInterval(() => this.deliverPending(), this.externalPollMs);
      this.externalWatch.unref();
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopWatching();
    };
  }

  /** Stops polling for other processes' appends (on close). */
  stopWatching(): void {
    clearInterval(this.externalWatch);
    this.externalWatch = undefined;
  }

  /**
   * Hands subscribers what other connections committed since the last delivery. Local appends
   * call it first too, so an event from another process that landed just before ours is never
   * skipped or delivered out of order.
   */
  private deliverPending(upTo = this.lastGlobalPosition()): void {
    if (!this.db.open) return this.stopWatching();
    while (this.listeners.size > 0 && this.delivered < upTo) {
      const page = this.readAll({ after: this.delivered, limit: Math.min(DEFAULT_PAGE_SIZE, upTo - this.delivered) });
      if (page.length === 0) return;
      this.notifyListeners(page);
    }
  }

  private notify(events: readonly StoredEvent[]): void {
    if (this.listeners.size === 0) return;
    this.deliverPending(events[0]!.globalPosition - 1);
    this.notifyListeners(events);
  }

  private notifyListeners(events: readonly StoredEvent[]): void {
    this.delivered = events[events.length - 1]!.globalPosition;
    for (const listener of [...this.listeners]) {
      try {
        listener(events);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}

function prepareStatements(db: Db) {
  const prepare = (sql: string): BetterSqlite3.Statement => db.prepare(sql);
  return {
    insert: prepare(`INSERT INTO events (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    head: prepare('SELECT global_position, hash FROM events ORDER BY global_position DESC LIMIT 1'),
    version: prepare('SELECT max(stream_position) AS version FROM events WHERE stream_id = ?'),
    firstEvent: prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND stream_position = 1`),
    streamAt: prepare('SELECT stream_id FROM events WHERE global_position = ?'),
    // Both use only the UNIQUE (stream_id, stream_position) index, whose entries carry the rowid
    // (= global_position): the bound lookup is a covering-index search, pages are index ranges.
    streamPositionBefore: prepare(
      'SELECT stream_position FROM events WHERE stream_id = ? AND global_position < ? ORDER BY stream_position DESC LIMIT 1',
    ),
    streamPage: prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND stream_position > ? AND stream_position <= ?
       ORDER BY stream_position LIMIT ?`,
    ),
    ownEvents: prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? ORDER BY stream_position`),
    all: prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`),
    allOfTypes: prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > ? AND type IN (SELECT value FROM json_each(?))
       ORDER BY global_position LIMIT ?`,
    ),
    streams: prepare('SELECT stream_id FROM events WHERE stream_position = 1 ORDER BY global_position'),
    setHead: hasTable(db, 'log_head')
      ? prepare(`INSERT INTO log_head (id, global_position, hash) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET global_position = excluded.global_position, hash = excluded.hash`)
      : undefined,
  };
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
