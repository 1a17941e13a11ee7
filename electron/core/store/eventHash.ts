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
 * sha256 over: prevHash, "\n", a JSON header of the scalar fields and the lengths of the two JSON
 * texts, "\n", the data JSON, the metadata JSON. Hex.
 * - Hashing the stored text (not re-serialised objects) lets `verify` check the chain without
 *   knowing any event schema.
 * - The header's lengths make the boundary between data and metadata unambiguous without
 *   escaping the (large) data text again, which halves the hashing cost of an append.
 * - Chained in global order: any edit, insertion or reordering breaks every later hash.
 */
export function computeEventHash(prevHash: string, fields: HashedEventFields): string {
  const header = JSON.stringify([
    fields.globalPosition,
    fields.streamId,
    fields.streamPosition,
    fields.type,
    fields.schemaVersion,
    fields.recordedAt,
    fields.dataJson.length,
    fields.metadataJson.length,
  ]);
  // One update over the concatenation: measured ~20% cheaper than six updates (fewer native calls).
  return createHash('sha256')
    .update(`${prevHash}\n${header}\n${fields.dataJson}${fields.metadataJson}`)
    .digest('hex');
}
