/**
 * The event envelope: what every entry of the append-only log looks like once stored.
 * Shapes only; the SQLite store lives in electron/core/store.
 */

/** Causation, correlation and engine coordinates of an event. All optional; JSON-serialisable. */
export interface EventMetadata {
  /** Id of the event or command that caused this one. */
  causationId?: string;
  /** Groups the events of one logical operation (for example one optimizer step). */
  correlationId?: string;
  epoch?: number;
  step?: number;
  /** Wall-clock milliseconds the work behind this event took. Excluded from determinism checks. */
  durationMs?: number;
  [key: string]: unknown;
}

/** What a caller hands to `append`: the store adds positions, version, time and hash. */
export interface NewEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
  metadata?: EventMetadata;
}

/** An event as read back from the log, already upcast to the current shape of its type. */
export interface StoredEvent<TType extends string = string, TData = unknown> {
  /** 1-based, dense, total order over the whole log. */
  globalPosition: number;
  /** A run id. */
  streamId: string;
  /** 1-based, dense within the stream's own (physical) events. */
  streamPosition: number;
  type: TType;
  /** Schema version after upcasting (the current one for the type). */
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  /** ISO-8601 UTC, from the injected clock. */
  recordedAt: string;
  /** Hex SHA-256 chained from the previous event's hash (global order). */
  hash: string;
}

/**
 * The stored events of an event catalogue (type name -> data shape) as one union discriminated by
 * `type`: narrowing on `type` types `data`, with no cast.
 */
export type StoredEventOf<TMap> = { [K in keyof TMap & string]: StoredEvent<K, TMap[K]> }[keyof TMap & string];

/**
 * Optimistic concurrency for `append`:
 * - a number: the stream must currently hold exactly that many events (0 = empty);
 * - 'any': no check; 'stream-exists': at least one event; 'no-stream': no event yet.
 */
export type ExpectedVersion = number | 'any' | 'stream-exists' | 'no-stream';

/**
 * First event of a forked stream. Reading the fork yields the parent's logical stream up to
 * `parentPosition` (a global position, inclusive), then the fork's own events. Nothing is copied.
 */
export const RUN_FORKED = 'RunForked' as const;
export interface RunForkedData {
  parentRunId: string;
  parentPosition: number;
  /** Config keys the fork changes; interpreted by the engine, opaque to the store. */
  overrides: Record<string, unknown>;
}
