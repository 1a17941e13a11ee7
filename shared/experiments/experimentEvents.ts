/**
 * The experiment log: every experiment and which run holds each of its cells, as events in one
 * stream of their own (`$experiments`, like the run catalog's `$catalog`): experiments survive
 * restarts, exports of runs stay unchanged, and no run's stream is touched.
 */
import { z } from 'zod';
import { METHODS } from '../api/runViews';

export const EXPERIMENT_STREAM_ID = '$experiments';

const cellSchema = z.object({
  index: z.number().int().min(0),
  method: z.enum(METHODS),
  seed: z.number().int().min(0),
  vary: z.object({ key: z.string().min(1), value: z.union([z.number(), z.string(), z.boolean(), z.null()]) }).strict().optional(),
}).strict();

export const EXPERIMENT_EVENT_SCHEMAS = {
  /** The experiment as given (base config and grid) and its cells; no run exists yet. */
  ExperimentCreated: {
    version: 1,
    schema: z.object({
      experimentId: z.string().min(1).max(200),
      name: z.string().max(200),
      base: z.record(z.string(), z.unknown()),
      grid: z.record(z.string(), z.unknown()),
      cells: z.array(cellSchema).min(1),
    }),
  },
  /** A cell's run was started (its RunStarted is committed): membership. */
  ExperimentRunAdded: {
    version: 1,
    schema: z.object({ experimentId: z.string().min(1), cell: z.number().int().min(0), runId: z.string().min(1) }),
  },
} as const;

export type ExperimentEventType = keyof typeof EXPERIMENT_EVENT_SCHEMAS;
export type ExperimentCreatedData = z.infer<(typeof EXPERIMENT_EVENT_SCHEMAS)['ExperimentCreated']['schema']>;
export type ExperimentRunAddedData = z.infer<(typeof EXPERIMENT_EVENT_SCHEMAS)['ExperimentRunAdded']['schema']>;
