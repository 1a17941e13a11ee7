import type Database from 'better-sqlite3';
import type { ExpectedVersion, NewEvent, StoredEvent } from '../../../shared/events/envelope';

/** A SQLite connection as used across core (better-sqlite3, sqlite-vec loaded). */
export type Db = Database.Database;

/** Injected clock: returns the current time. Tests freeze it. */
export type Clock = () => Date;

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
}

/** One stream's part of an `appendAll`. */
export interface AppendBatch {
  streamId: string;
  events: readonly NewEvent[];
  options: AppendOptions;
  /** The batch's recorded time, for imports that keep the original; default: the store's clock. */
  recordedAt?: Date;
}

export interface AppendResult {
  /** Stream version after the append (= stream position of the last appended event). */
  nextExpectedVersion: number;
  /** Global position of the last appended event. */
  lastGlobalPosition: number;
  /** The appended events as stored (positions, time and hash filled in). */
  events: StoredEvent[];
}

export interface ReadStreamOptions {
  /**
   * Lower bound, inclusive, as a global position. Applies to the logical stream
   * (parent events of a fork included). Default: from the start.
   */
  fromGlobalPosition?: number;
  /** Upper bound, inclusive, as a global position. Default: to the end. */
  toGlobalPosition?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with a global position greater than this. Default 0. */
  after?: number;
  /** Page size. Default 1000. */
  limit?: number;
  /** Only events of these types (projection replay skips what it does not handle). Default: all. */
  types?: readonly string[];
}

/**
 * The append-only log. All methods are synchronous (better-sqlite3) and run on the caller's
 * connection; `append` is one transaction that also applies the inline projections.
 */
export interface EventStore {
  readonly db: Db;
  /**
   * Appends `events` to `streamId` atomically. Throws `VersionConflict` (nothing written) when
   * the stream's version does not match `expectedVersion`.
   */
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): AppendResult;
  /**
   * Appends several batches, possibly to different streams, in ONE transaction: every batch is
   * written or none is (a `VersionConflict` in any batch rolls back all of them). With
   * `expectedLastGlobalPosition`, the whole log must end there (else a VersionConflict on `$all`),
   * for writers whose event data points at global positions they computed beforehand.
   */
  appendAll(batches: readonly AppendBatch[], options?: { expectedLastGlobalPosition?: number }): AppendResult[];
  /** The stream's physical version: number of its own events (0 when it does not exist). */
  streamVersion(streamId: string): number;
  /** The logical stream: for a fork, the parent's events up to the fork point, then its own. */
  readStream(streamId: string, options?: ReadStreamOptions): StoredEvent[];
  /** The logical stream read lazily, page by page (stop early to read only what you need). */
  iterateStream(streamId: string, options?: ReadStreamOptions): Iterable<StoredEvent>;
  /** Only the stream's own (physical) events, in stream order. */
  readOwnEvents(streamId: string): StoredEvent[];
  /** A page of all events in global order. */
  readAll(options?: ReadAllOptions): StoredEvent[];
  /** Global position of the last event in the log (0 when empty). */
  lastGlobalPosition(): number;
  /** Ids of all streams, in order of their first event. */
  listStreams(): string[];
  /** Subscribe to events after they commit. Returns an unsubscribe function. */
  subscribe(listener: (events: readonly StoredEvent[]) => void): () => void;
}
