import type { StoredEvent } from '../../../shared/events/envelope';
import type { Clock, Db, EventStore, ReadStreamOptions } from './types';
import type { Projection } from '../projections/projection';
import { ensureProjections, type EnsureProjectionsResult } from '../projections/ensureProjections';
import { ProjectionSet } from '../projections/projectionSet';
import { EventRegistry } from './eventRegistry';
import { openDatabase, type OpenDatabaseOptions } from './openDatabase';
import { SqliteEventStore, type ListenerErrorHandler } from './sqliteEventStore';

export interface OpenEventStoreOptions {
  /** A database file to open (created and migrated when missing). Give `path` or `db`. */
  path?: string;
  /** An already open connection (from `openDatabase`); the caller keeps ownership. */
  db?: Db;
  /** Stamps `recordedAt`. Default: the wall clock. Tests freeze it. */
  clock?: Clock;
  /** Event types and upcasters. Default: an empty registry that only knows RunForked. */
  registry?: EventRegistry;
  /** Inline projections, applied in every append transaction; rebuilt on open when their version changed. */
  projections?: readonly Projection[];
  /** Options for `openDatabase` when `path` is given (readonly, durability, ...). */
  database?: OpenDatabaseOptions;
  onListenerError?: ListenerErrorHandler;
  /** How often subscribers get events other processes appended (ms). Default 250. */
  externalAppendPollMs?: number;
}

/** An event store plus what its owner needs: the projections' state on open, and `close`. */
export interface OpenedEventStore extends EventStore {
  readonly registry: EventRegistry;
  readonly projections: readonly Projection[];
  /** `readStream` as a lazy, paged sequence: fold long runs without materialising every event. */
  iterateStream(streamId: string, options?: ReadStreamOptions): Iterable<StoredEvent>;
  /** What happened to the projections on open (rebuilt for a new version, or caught up). */
  readonly projectionStatus: EnsureProjectionsResult;
  /** Closes the connection when the store opened it from `path`. */
  close(): void;
}

function reportListenerError(error: unknown): void {
  // A subscriber's failure must not undo or hide a committed append; it is reported, not rethrown.
  console.error('event subscriber failed:', error);
}

/**
 * Opens the event store on a database file or connection, and brings the projections up to date
 * (rebuilding those whose version changed) before the first append. A read-only database gives a
 * store whose `append` throws and whose projections are not touched.
 */
export function openEventStore(options: OpenEventStoreOptions): OpenedEventStore {
  if (!options.db === !options.path) throw new Error('openEventStore needs exactly one of `path` or `db`');
  const ownsDb = !options.db;
  const db = options.db ?? openDatabase(options.path!, options.database);
  try {
    const projections = options.projections ?? [];
    const registry = options.registry ?? new EventRegistry();
    const store = new SqliteEventStore(
      db,
      options.clock ?? (() => new Date()),
      registry,
      new ProjectionSet(db, db.readonly ? [] : projections),
      options.onListenerError ?? reportListenerError,
      options.externalAppendPollMs,
    );
    const projectionStatus = db.readonly ? { rebuilt: [], caughtUp: [] } : ensureProjections(db, store, projections);
    return Object.assign(store, {
      projections,
      projectionStatus,
      close: () => {
        store.stopWatching();
        if (ownsDb && db.open) db.close();
      },
    }) as SqliteEventStore & OpenedEventStore;
  } catch (error) {
    if (ownsDb) db.close();
    throw error;
  }
}

