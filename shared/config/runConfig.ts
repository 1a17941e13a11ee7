/**
 * The run configuration: one zod schema with every knob and its default. `RunStarted` records the
 * parsed value (defaults included), so a run is reproducible from its first event alone.
 * API keys never appear here: endpoints name an environment variable (`apiKeyEnv`) instead.
 */
import { z } from 'zod';
import { METHODS } from '../api/runViews';
import { scorerConfigSchema, type ScorerConfig } from '../scoring/scorerRegistry';
import { THINKING_SWITCHES } from './thinkingSwitches';

/** TextGrad's GSM8K seed prompt, misspelling kept on purpose for a faithful baseline. */
export const TEXTGRAD_SEED_PROMPT =
  "You will answer a mathemetical reasoning question. Think step by step. The last line of your response should be of the following format: 'Answer: $VALUE' where VALUE is a numerical value.";

/** Roles the engine calls. Mirrors electron/core/llm ROLES (shared/ may not import core). */
export const RUN_ROLES = ['solver', 'critic', 'optimizer', 'lessonWriter', 'reflector', 'metaController', 'embedder'] as const;
/** Server kinds: each switches Qwen3's thinking off its own way (electron/core/llm/thinking/thinkingSwitch.ts). */
export const ENDPOINT_KINDS = ['vllm', 'sglang', 'llamacpp', 'ollama', 'lmstudio', 'dashscope', 'custom', 'simulator'] as const;
export type RunRole = (typeof RUN_ROLES)[number];

export const PRESETS = ['textgrad-dspy', 'paper-100', 'paper-full'] as const;
export type PresetName = (typeof PRESETS)[number];

const endpointSchema = z.object({
  name: z.string().min(1),
  kind: z.enum(ENDPOINT_KINDS).default('custom'),
  baseURL: z.string().url(),
  model: z.string().min(1),
  /** Name of the environment variable holding the key; the key itself is never stored. */
  apiKeyEnv: z.string().min(1).optional(),
  concurrency: z.number().int().min(1).max(1024).default(8),
  timeoutMs: z.number().int().min(1).default(120_000),
  group: z.string().min(1).optional(),
  /**
   * How thinking is switched off on this server (shared/config/thinkingSwitches.ts). Resolved
   * configs always name it (the kind's default when the user gave none); a recorded config
   * without it predates the field and keeps the switch its kind used then.
   */
  thinkingSwitch: z.enum(THINKING_SWITCHES).optional(),
  /**
   * The server's context window in tokens (prompt + reply). When absent it is read from the server
   * where it says (vLLM and SGLang list `max_model_len` on /v1/models), else `context.defaultWindowTokens`.
   */
  contextTokens: z.number().int().min(1024).optional(),
}).strict();
export type EndpointConfig = z.infer<typeof endpointSchema>;

/** Where runs go when a config names no endpoint: an OpenAI-compatible server on this machine's port 8000 (vLLM's default). */
export const DEFAULT_ENDPOINT: EndpointConfig = {
  name: 'default', kind: 'custom', baseURL: 'http://127.0.0.1:8000/v1', model: 'Qwen/Qwen3-32B', concurrency: 8, timeoutMs: 120_000,
};

const samplingSchema = z.object({
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().gt(0).max(1).optional(),
  maxTokens: z.number().int().min(1).optional(),
  seed: z.number().int().optional(),
}).strict();

const roleBindingSchema = z.object({
  endpoint: z.string().min(1).optional(),
  sampling: samplingSchema.default({}),
  disableThinking: z.boolean().default(true),
}).strict();
export type RoleBindingConfig = z.infer<typeof roleBindingSchema>;

const datasetRefSchema = z.union([
  z.literal('gsm8k'),
  z.object({ hash: z.string().min(1) }).strict(),
  z.object({ name: z.string().min(1) }).strict(),
]);
export type DatasetRef = z.infer<typeof datasetRefSchema>;

const splitSizesSchema = z.object({
  train: z.number().int().min(1),
  val: z.number().int().min(1),
  test: z.number().int().min(1),
}).strict();

const memorySchema = z.object({
  fromRunId: z.string().min(1),
  atEpoch: z.number().int().min(0).optional(),
  atPosition: z.number().int().min(1).optional(),
  notebook: z.boolean().default(true),
  optimizerInstructions: z.boolean().default(true),
}).strict().refine((m) => !(m.atEpoch !== undefined && m.atPosition !== undefined), {
  message: 'give atEpoch or atPosition, not both',
  path: ['atEpoch'],
});

const budgetSchema = z.object({
  /** Calls that reached a model (cache hits are free). null = unlimited. */
  maxCalls: z.number().int().min(1).nullable().default(null),
  /** Prompt + completion tokens of calls that reached a model. null = unlimited. */
  maxTokens: z.number().int().min(1).nullable().default(null),
}).strict();

/**
 * How prompts are kept inside the model's context window (electron/core/engine/context). Tokens
 * are estimated without a tokenizer, conservatively (shared/prompts/estimateTokens.ts).
 */
const contextSchema = z.object({
  /** Window assumed when neither the config nor the server says: Qwen3-32B's native 40,960. */
  defaultWindowTokens: z.number().int().min(1024).default(40_960),
  /** Room kept for the reply when the role sets no `maxTokens`. */
  replyTokens: z.number().int().min(64).default(4096),
  /** Most tokens of steps one summary call of the reflector's condensation reads. */
  chunkTokens: z.number().int().min(512).default(12_000),
  /** Most tokens one chunk summary may keep (longer replies are cut). */
  summaryTokens: z.number().int().min(64).default(600),
  /** Most tokens of the retrieved-lessons block in a solver request. */
  lessonsTokens: z.number().int().min(64).default(1024),
}).strict().refine((c) => c.chunkTokens >= 4 * c.summaryTokens, {
  message: 'chunkTokens must be at least 4 x summaryTokens, or summaries of summaries would not shrink',
  path: ['chunkTokens'],
});
export type ContextSettings = z.infer<typeof contextSchema>;
export const DEFAULT_CONTEXT_SETTINGS: ContextSettings = {
  defaultWindowTokens: 40_960, replyTokens: 4096, chunkTokens: 12_000, summaryTokens: 600, lessonsTokens: 1024,
};

/**
 * What the solver sees of each retrieved notebook entry. 'record' (the spec's): question, wrong
 * answer, correct answer and the one-line lesson. 'excerpt': the lesson and a 160-character
 * question excerpt (runs created before 'record' existed; their recorded config has no field).
 */
export const LESSON_FORMATS = ['record', 'excerpt'] as const;
export type LessonFormat = (typeof LESSON_FORMATS)[number];

const templateVersionsSchema = z.record(z.string(), z.string().regex(/^v\d+$/));

/** The schema as users write it (defaults not yet filled for preset-dependent fields). */
export const runConfigSchema = z.object({
  name: z.string().max(200).optional(),
  method: z.enum(METHODS),
  dataset: datasetRefSchema.default('gsm8k'),
  /** An evaluation preset (spec §5), or explicit split sizes below. */
  preset: z.enum(PRESETS).nullable().optional(),
  split: splitSizesSchema.nullable().optional(),
  epochs: z.number().int().min(1).max(1000).optional(),
  batchSize: z.number().int().min(1).max(1024).optional(),
  /** Optimizer steps per epoch; null = one full pass over the training split. */
  stepsPerEpoch: z.number().int().min(1).nullable().optional(),
  seed: z.number().int().min(0).default(0),
  validationGate: z.boolean().optional(),
  retrievalK: z.number().int().min(0).max(50).default(3),
  /** Minimum cosine similarity for a notebook entry to be retrieved. */
  /**
   * Minimum cosine similarity for a notebook entry to be retrieved, or 'calibrated': the 99th
   * percentile of the similarities between 64 training questions under the run's own embedder,
   * measured when the run starts and recorded (the right cut differs between embedders).
   */
  retrievalThreshold: z.union([z.number().min(-1).max(1), z.literal('calibrated')]).default(0.4),
  /** How a retrieved entry is shown to the solver. */
  lessonFormat: z.enum(LESSON_FORMATS).default('record'),
  /**
   * Ask the embedding server for vectors of this size (models trained for truncation, e.g.
   * Qwen3-Embedding); null = the model's own size, whatever it is. Ignored by the lexical embedder.
   */
  embeddingDimensions: z.number().int().min(8).max(16_384).nullable().default(null),
  /** Context-window budget and condensation settings. */
  context: contextSchema.default(DEFAULT_CONTEXT_SETTINGS),
  /** Cosine similarity at or above which a new failure updates an existing entry. */
  mergeThreshold: z.number().min(-1).max(1).default(0.9),
  /**
   * 'all' (default, every method): TextGrad's two critic calls per item, right or wrong.
   * 'failures': a cheaper REMO-side option, one critic call over the minibatch's failures and no
   * update when there are none; off in the paper's rows so the four methods differ only in the
   * notebook and the meta-controller.
   */
  critiqueScope: z.enum(['failures', 'all']).default('all'),
  /** When Q may change: once per epoch (default) or after every minibatch. */
  qCadence: z.enum(['epoch', 'minibatch']).default('epoch'),
  /** Measure the seed prompt on val and test at the start of the run. */
  measureSeed: z.boolean().default(true),
  initialPrompt: z.string().min(1).default(TEXTGRAD_SEED_PROMPT),
  /** Initial optimizer instructions Q; default: the optimizer-instructions template text. */
  initialOptimizerInstructions: z.string().min(1).optional(),
  /** Attempts after a hopeless optimizer reply before P is kept. */
  maxUpdateRetries: z.number().int().min(0).max(10).default(2),
  /** Attempts of one phase after call failures before the run fails. */
  maxPhaseAttempts: z.number().int().min(1).max(20).default(3),
  /** Parallel requests the engine issues per phase (the gateway still caps per endpoint). */
  parallelism: z.number().int().min(1).max(1024).default(32),
  endpoints: z.array(endpointSchema).min(1).default([DEFAULT_ENDPOINT]),
  roles: z.object(Object.fromEntries(RUN_ROLES.map((r) => [r, roleBindingSchema.optional()])) as Record<RunRole, z.ZodOptional<typeof roleBindingSchema>>).strict().default({} as never),
  budget: budgetSchema.default({ maxCalls: null, maxTokens: null }),
  cache: z.boolean().default(true),
  /** How answers are scored; GSM8K's numeric rule by default. */
  scorer: scorerConfigSchema.default({ name: 'gsm8k' }),
  memory: memorySchema.nullable().optional(),
  /** Prompt template versions per template name; missing names take the manifest's current version. */
  templates: templateVersionsSchema.default({}),
}).strict();

export type RunConfigInput = z.input<typeof runConfigSchema>;

/** A fully resolved config: every field has a value. This is what RunStarted records. */
export interface RunConfig {
  name: string;
  method: (typeof METHODS)[number];
  dataset: DatasetRef;
  preset: PresetName | null;
  split: { train: number; val: number; test: number } | null;
  epochs: number;
  batchSize: number;
  stepsPerEpoch: number | null;
  seed: number;
  validationGate: boolean;
  retrievalK: number;
  retrievalThreshold: number | 'calibrated';
  /** Absent in runs recorded before it existed (they used 'excerpt'). */
  lessonFormat?: LessonFormat;
  /** Absent in runs recorded before it existed (they asked for 384). */
  embeddingDimensions?: number | null;
  /** Absent in runs recorded before it existed (defaults apply). */
  context?: ContextSettings;
  mergeThreshold: number;
  critiqueScope: 'failures' | 'all';
  qCadence: 'epoch' | 'minibatch';
  measureSeed: boolean;
  initialPrompt: string;
  initialOptimizerInstructions: string;
  maxUpdateRetries: number;
  maxPhaseAttempts: number;
  parallelism: number;
  endpoints: EndpointConfig[];
  roles: Record<RunRole, { endpoint: string; sampling: z.infer<typeof samplingSchema>; disableThinking: boolean }>;
  budget: { maxCalls: number | null; maxTokens: number | null };
  cache: boolean;
  scorer: ScorerConfig;
  memory: { fromRunId: string; atEpoch?: number; atPosition?: number; notebook: boolean; optimizerInstructions: boolean } | null;
  templates: Record<string, string>;
}
