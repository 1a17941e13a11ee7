/**
 * The run catalog: facts about runs that are not part of any run's history (its name in the list,
 * whether it is archived). They live in their own stream, `$catalog`, so renaming or archiving
 * never races the stream of a run that is executing. Run projections ignore these types; the run
 * list (run_summaries) applies them.
 */
import { z } from 'zod';

/** The stream holding RunRenamed and RunArchived events. Not a run: `$` cannot start a run id. */
export const CATALOG_STREAM_ID = '$catalog';

export interface RunRenamedData { runId: string; name: string }
export interface RunArchivedData { runId: string; archived: boolean }

export const CATALOG_EVENT_SCHEMAS = {
  RunRenamed: { version: 1, schema: z.object({ runId: z.string().min(1), name: z.string().min(1).max(200) }) },
  RunArchived: { version: 1, schema: z.object({ runId: z.string().min(1), archived: z.boolean() }) },
} as const;

export type CatalogEventType = keyof typeof CATALOG_EVENT_SCHEMAS;
export const CATALOG_EVENT_TYPES = Object.keys(CATALOG_EVENT_SCHEMAS) as CatalogEventType[];
