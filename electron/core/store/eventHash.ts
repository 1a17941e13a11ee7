import { createHash } from 'node:crypto';

/** The `prev hash` of the first event of the log. */
export const GENESIS_HASH = '0'.repeat(64);

/** The stored columns an event's hash covers, exactly as written (data and metadata as their JSON text). */
export interface HashedEventFields {
  globalPosition: number;
  streamId: string;
  streamPosition: number;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
  recordedAt: string;
}

/**
 * sha256(prevHash + "\n" + JSON array of the fields in a fixed order), hex. Hashing the stored text
 * (not re-serialised objects) lets `verify` check the chain without knowing any event schema, and
 * the JSON array encoding makes the field boundaries unambiguous. Chained in global order, so any
 * edit, insertion or reordering breaks every later hash.
 */
export function computeEventHash(prevHash: string, fields: HashedEventFields): string {
  const canonical = JSON.stringify([
    fields.globalPosition,
    fields.streamId,
    fields.streamPosition,
    fields.type,
    fields.schemaVersion,
    fields.dataJson,
    fields.metadataJson,
    fields.recordedAt,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}
