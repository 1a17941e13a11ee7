import type { StoredEvent } from '../../../shared/events/envelope';
import type { Db, ReadStreamOptions } from '../store/types';

/**
 * Read access to the log while a projection applies an event. Reads are bounded to the event's own
 * global position, so a projection sees exactly what it saw live when it is replayed later (the
 * invariant behind "a rebuild gives the same tables").
 */
export interface ProjectionContext {
  /** Global position of the event being applied. */
  readonly position: number;
  /** The logical stream (fork parents included), never past `position`. */
  readStream(streamId: string, options?: ReadStreamOptions): StoredEvent[];
  /** The stream's own events, never past `position`. */
  readOwnEvents(streamId: string): StoredEvent[];
}

/**
 * A read model derived from the log. Inline: `apply` runs in the append's transaction.
 * Contract: `apply` writes only to `tables`, depends only on the event and `ctx`, and is
 * deterministic, so truncate + replay reproduces the live tables exactly.
 */
export interface Projection {
  /** Unique, stable: the bookkeeping key. */
  readonly name: string;
  /** Bump it when the tables' shape or meaning changes: the projection is rebuilt on the next open. */
  readonly version: number;
  /** Event types `apply` receives; others are skipped (and not even read during replay). */
  readonly handles: readonly string[];
  /** Tables (or virtual tables) the projection owns: checksummed, and emptied by `truncate`. */
  readonly tables: readonly string[];
  /** Creates the tables when missing (idempotent: CREATE ... IF NOT EXISTS). */
  init(db: Db): void;
  apply(db: Db, event: StoredEvent, ctx: ProjectionContext): void;
  /**
   * Leaves the tables empty. Called before a rebuild, followed by `init`: dropping the tables here
   * lets a new version change their shape; tables created by migrations (notebook_vec) are emptied instead.
   */
  truncate(db: Db): void;
}
