import type { StoredEvent } from '../../../shared/events/envelope';
import type { EventRegistry } from './eventRegistry';

/** A row of the `events` table as better-sqlite3 returns it. */
export interface EventRow {
  global_position: number;
  stream_id: string;
  stream_position: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  hash: string;
}

export const EVENT_COLUMNS =
  'global_position, stream_id, stream_position, type, schema_version, data, metadata, recorded_at, hash';

/** Parses and upcasts a row; throws `UnknownEventError` for what the registry cannot read. */
export function eventFromRow(row: EventRow, registry: EventRegistry): StoredEvent {
  const { schemaVersion, data } = registry.upcast(row.type, row.schema_version, JSON.parse(row.data), row.global_position);
  return {
    globalPosition: row.global_position,
    streamId: row.stream_id,
    streamPosition: row.stream_position,
    type: row.type,
    schemaVersion,
    data,
    metadata: JSON.parse(row.metadata),
    recordedAt: row.recorded_at,
    hash: row.hash,
  };
}
