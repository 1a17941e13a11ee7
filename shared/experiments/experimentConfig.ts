/**
 * An experiment: one base run config and a grid over it (methods x seeds, optionally x the values of
 * one more top-level key such as `retrievalK`). Every cell is an ordinary run; the experiment only
 * records which runs belong to it (events in the `$experiments` stream, shared/experiments/experimentEvents.ts).
 */
import { z } from 'zod';
import { METHODS } from '../api/runViews';

/** Most cells one experiment may have: a grid is a table to read, not a sweep engine. */
export const MAX_EXPERIMENT_CELLS = 60;

/**
 * Keys a grid may not vary: they are the grid's own axes, or they change what the runs are
 * compared on (data, endpoints), which would make the table's rows incomparable.
 */
const FIXED_KEYS = new Set(['method', 'seed', 'name', 'dataset', 'endpoints', 'roles', 'preset', 'split']);

const varyScalar = z.union([z.number(), z.string().max(200), z.boolean(), z.null()]);

export const experimentConfigSchema = z.object({
  /** Shown in lists; each run is named `<name> · <method> · seed <s>`. */
  name: z.string().trim().max(200).default(''),
  /** The run config every cell starts from (its `method`, `seed` and `name` are set per cell). */
  base: z.record(z.string(), z.unknown()),
  grid: z.object({
    methods: z.array(z.enum(METHODS)).min(1, 'pick at least one method').max(METHODS.length)
      .refine((methods) => new Set(methods).size === methods.length, 'methods must not repeat'),
    seeds: z.array(z.number().int().min(0).max(2 ** 31 - 1)).min(1, 'give at least one seed').max(20, 'at most 20 seeds')
      .refine((seeds) => new Set(seeds).size === seeds.length, 'seeds must not repeat'),
    /** One more key varied over the values given, e.g. `{ "key": "retrievalK", "values": [1, 3, 5] }`. */
    vary: z.object({
      key: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a top-level config key, such as retrievalK')
        .refine((key) => !FIXED_KEYS.has(key), { message: `cannot be varied: ${[...FIXED_KEYS].join(', ')} are the grid's axes or change what the runs are compared on` }),
      values: z.array(varyScalar).min(1).max(10)
        .refine((values) => new Set(values.map((v) => JSON.stringify(v))).size === values.length, 'values must not repeat'),
    }).strict().optional(),
  }).strict(),
}).strict().superRefine((config, context) => {
  const cells = config.grid.methods.length * config.grid.seeds.length * (config.grid.vary?.values.length ?? 1);
  if (cells > MAX_EXPERIMENT_CELLS) context.addIssue({ code: 'custom', path: ['grid'], message: `the grid has ${cells} cells; at most ${MAX_EXPERIMENT_CELLS}` });
});

export type ExperimentConfig = z.output<typeof experimentConfigSchema>;
export type ExperimentConfigInput = z.input<typeof experimentConfigSchema>;
export type VaryValue = z.infer<typeof varyScalar>;
