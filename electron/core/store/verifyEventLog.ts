import type { Db } from './types';
import { computeEventHash, GENESIS_HASH } from './eventHash';
import { EVENT_COLUMNS, type EventRow } from './eventRow';

/** The immutability triggers created by migration 0001; verify insists they are still in place. */
export const IMMUTABILITY_TRIGGERS = ['events_no_update', 'events_no_delete'] as const;

export type VerifyResult =
  | { ok: true; eventCount: number }
  | { ok: false; eventCount: number; reason: string; /** First bad global position, when the fault is an event. */ position?: number };

/**
 * Walks the whole log in global order and checks: the immutability triggers exist; global
 * positions are dense from 1; stream positions are dense per stream; every hash equals
 * sha256(previous hash + the event's stored fields). Stops at the first fault and names it.
 * Needs no event registry: it checks the stored text, not its meaning.
 *
 * A chain alone cannot prove that events were not cut off the END of the log (the remaining
 * prefix is still a valid chain). The log's end is therefore also compared with `log_head`
 * (migration 0009), which every append moves in its own transaction: a deleted tail leaves the head
 * pointing past the end. Honest limit: someone with SQL access who also rewrites `log_head` (after
 * dropping its triggers) is not detected; only a head kept outside the file could show that.
 * Databases opened at a schema before 0009 (read-only `remo verify` on an outdated file) have no
 * head and get the chain checks only.
 */
export function verifyEventLog(db: Db): VerifyResult {
  // One read transaction: the walk and the head are read from one snapshot, so an append committed
  // meanwhile by another connection (a run executing on the writer thread) cannot look like a
  // cut-off tail. Read-only: it never blocks the writer (WAL).
  return db.transaction(() => walkLog(db))();
}

function walkLog(db: Db): VerifyResult {
  // A trigger counts only if it still refuses: same name, on events, and its body still aborts.
  const triggers = new Set(
    (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'").all() as { name: string; sql: string }[])
      .filter((row) => /BEFORE\s+(UPDATE|DELETE)\s+ON\s+events\b/i.test(row.sql) && /RAISE\s*\(\s*ABORT/i.test(row.sql))
      .map((row) => row.name),
  );
  const missing = IMMUTABILITY_TRIGGERS.filter((name) => !triggers.has(name));
  if (missing.length > 0) return { ok: false, eventCount: 0, reason: `missing or disarmed immutability trigger(s): ${missing.join(', ')}` };

  const streamVersions = new Map<string, number>();
  let prevHash = GENESIS_HASH;
  let expectedPosition = 1;
  const rows = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY global_position`).iterate() as Iterable<EventRow>;
  for (const row of rows) {
    const fail = (reason: string): VerifyResult => ({ ok: false, eventCount: expectedPosition - 1, position: row.global_position, reason });
    if (row.global_position !== expectedPosition) return fail(`expected global position ${expectedPosition}, found ${row.global_position}`);
    const expectedStreamPosition = (streamVersions.get(row.stream_id) ?? 0) + 1;
    if (row.stream_position !== expectedStreamPosition) {
      return fail(`stream ${row.stream_id}: expected stream position ${expectedStreamPosition}, found ${row.stream_position}`);
    }
    const hash = computeEventHash(prevHash, {
      globalPosition: row.global_position,
      streamId: row.stream_id,
      streamPosition: row.stream_position,
      type: row.type,
      schemaVersion: row.schema_version,
      dataJson: row.data,
      metadataJson: row.metadata,
      recordedAt: row.recorded_at,
    });
    if (hash !== row.hash) return fail('hash mismatch: the event or its predecessor was changed after it was written');
    streamVersions.set(row.stream_id, row.stream_position);
    prevHash = row.hash;
    expectedPosition += 1;
  }
  const lastPosition = expectedPosition - 1;
  const headFault = checkHead(db, lastPosition, prevHash);
  if (headFault) return { ok: false, eventCount: lastPosition, ...headFault };
  return { ok: true, eventCount: lastPosition };
}

/** Compares the log's last event with the anchored head; a fault names what is wrong. */
function checkHead(db: Db, lastPosition: number, lastHash: string): { reason: string; position?: number } | undefined {
  const hasHead = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log_head'").get() !== undefined;
  if (!hasHead) return undefined;
  const head = db.prepare('SELECT global_position, hash FROM log_head WHERE id = 1').get() as { global_position: number; hash: string } | undefined;
  if (!head) {
    return lastPosition === 0 ? undefined : { reason: `the log head is missing although the log holds ${lastPosition} events (log_head was edited)` };
  }
  if (head.global_position > lastPosition) {
    return {
      position: lastPosition + 1,
      reason: `the log ends at global position ${lastPosition} but its head records ${head.global_position}: events were cut off (truncated) the end of the log`,
    };
  }
  if (head.global_position < lastPosition) {
    return { position: head.global_position + 1, reason: `events after the recorded head (${head.global_position}) were written behind the store's back` };
  }
  if (head.hash !== lastHash) return { position: lastPosition, reason: 'the last event does not match the hash recorded in the log head' };
  return undefined;
}
