import type { StoredEvent } from '../../../shared/events/envelope';
import type { Db } from '../store/types';
import type { EventReader } from './eventReader';
import type { Projection } from './projection';
import { projectionContextAt } from './projectionContextAt';

/**
 * A fixed set of projections with their event-type dispatch precomputed. `applyInline` is what the
 * store calls inside every append transaction.
 */
export class ProjectionSet {
  private readonly byType = new Map<string, Projection[]>();
  private readonly markStatement: ((position: number) => void) | undefined;

  constructor(readonly db: Db, readonly projections: readonly Projection[]) {
    const names = new Set<string>();
    for (const projection of projections) {
      if (names.has(projection.name)) throw new Error(`two projections are named ${projection.name}`);
      names.add(projection.name);
      for (const type of projection.handles) {
        const list = this.byType.get(type) ?? [];
        list.push(projection);
        this.byType.set(type, list);
      }
    }
    if (projections.length > 0) {
      const statement = db.prepare('UPDATE projections SET last_position = ? WHERE name IN (SELECT value FROM json_each(?))');
      const nameList = JSON.stringify([...names]);
      this.markStatement = (position) => statement.run(position, nameList);
    }
  }

  /** Union of the handled types, sorted. */
  handledTypes(): string[] {
    return [...this.byType.keys()].sort();
  }

  /** Applies committed-to-be events to their handlers, in order; the caller owns the transaction. */
  apply(events: readonly StoredEvent[], reader: EventReader): void {
    for (const event of events) {
      const handlers = this.byType.get(event.type);
      if (!handlers) continue;
      const ctx = projectionContextAt(reader, event.globalPosition);
      for (const projection of handlers) projection.apply(this.db, event, ctx);
    }
  }

  /** Inline application inside the append transaction: apply, then record how far every projection has seen. */
  applyInline(events: readonly StoredEvent[], reader: EventReader): void {
    if (this.projections.length === 0 || events.length === 0) return;
    this.apply(events, reader);
    this.markStatement?.(events[events.length - 1]!.globalPosition);
  }
}
