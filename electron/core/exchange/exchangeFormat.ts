import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The run exchange file (JSONL): line 1 is a header, every further line one event of the run's
 * logical history (fork ancestors and memory sources up to the point the run reads them, then the
 * run's own events), in the source log's global order.
 *
 * Version 1. The header carries the number of event lines and a sha256 over them, so a truncated
 * or edited file is refused before anything is written.
 */
export const EXCHANGE_FORMAT = 'remo-run-export';
export const EXCHANGE_VERSION = 1;

export const exchangeHeaderSchema = z
  .object({
    format: z.literal(EXCHANGE_FORMAT),
    version: z.literal(EXCHANGE_VERSION),
    /** The run the file is about; the other streams are what it reads. */
    runId: z.string().min(1),
    exportedAt: z.string(),
    eventCount: z.number().int().min(1),
    /** Hex sha256 over the event lines, each followed by '\n'. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** Stream ids in order of first appearance, with how many of their events the file holds. */
    streams: z.array(z.object({ streamId: z.string().min(1), events: z.number().int().min(1) }).strict()).min(1),
  })
  .strict();
export type ExchangeHeader = z.infer<typeof exchangeHeaderSchema>;

export const exchangeEventSchema = z
  .object({
    streamId: z.string().min(1),
    streamPosition: z.number().int().min(1),
    /** Position in the SOURCE log: orders the lines and maps fork points; not kept on import. */
    globalPosition: z.number().int().min(1),
    type: z.string().min(1),
    schemaVersion: z.number().int().min(1),
    data: z.unknown(),
    metadata: z.record(z.string(), z.unknown()),
    recordedAt: z.iso.datetime(),
    /** The source log's chained hash; informative only (the target log chains its own). */
    hash: z.string(),
  })
  .strict();
export type ExchangeEvent = z.infer<typeof exchangeEventSchema>;

/** The file cannot be imported as it is; nothing was written. */
export class ExchangeFormatError extends Error {
  override name = 'ExchangeFormatError';
  readonly code = 'bad-request';
}

export function sha256OfLines(lines: readonly string[]): string {
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line + '\n');
  return hash.digest('hex');
}

/** JSON with object keys sorted: equality of event contents independent of key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
