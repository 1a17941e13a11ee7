import { PRESET_DEFAULTS } from './presetDefaults';
import { RunConfigError, type ConfigIssue } from './runConfigError';
import { plainConfigIssue, type ZodLikeIssue } from './plainConfigIssue';
import { RUN_ROLES, runConfigSchema, type RunConfig, type RunRole } from './runConfig';
import { DEFAULT_THINKING_SWITCH } from './thinkingSwitches';

/** The built-in lexical embedder (no server): the embedder endpoint name the gateway recognises. */
export const LEXICAL_EMBEDDER = 'builtin:lexical';

/**
 * TextGrad's sampling for every call of its recipe (its engines' defaults): greedy, top_p 0.99, at
 * most 2000 tokens. The baseline's roles (solver, critic, optimizer) use it in every method.
 */
export const TEXTGRAD_SAMPLING = { temperature: 0, topP: 0.99, maxTokens: 2000 } as const;

/**
 * Per-role sampling defaults, the same as the gateway's. TextGrad's roles take TextGrad's sampling;
 * REMO's own roles (lesson writer, reflector, meta-controller) keep their documented defaults:
 * a near-deterministic lesson writer, mild variety for the reflector and the meta-controller.
 */
export const DEFAULT_ROLE_SAMPLING: Record<RunRole, { temperature?: number; topP?: number; maxTokens?: number }> = {
  solver: { ...TEXTGRAD_SAMPLING },
  critic: { ...TEXTGRAD_SAMPLING },
  optimizer: { ...TEXTGRAD_SAMPLING },
  lessonWriter: { temperature: 0.3 },
  reflector: { temperature: 0.7 },
  metaController: { temperature: 0.7 },
  embedder: {},
};

export interface ConfigDefaults {
  /** Text of the default optimizer instructions Q (from the prompt templates). */
  optimizerInstructions: string;
  /** Current version of every prompt template, by template name. */
  templateVersions: Record<string, string>;
}

/**
 * Validates unknown JSON and fills every default, including the ones a preset implies.
 * Throws RunConfigError naming the field(s) at fault; never returns a partial config.
 */
export function resolveRunConfig(json: unknown, defaults: ConfigDefaults): RunConfig {
  const parsed = runConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new RunConfigError(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: plainConfigIssue(i as unknown as ZodLikeIssue) })));
  }
  const c = parsed.data;
  const issues: ConfigIssue[] = [];
  if (!c.preset && !c.split) issues.push({ path: 'preset', message: 'give a preset or split sizes {train, val, test}' });
  const preset = c.preset ? PRESET_DEFAULTS[c.preset] : null;
  const endpointNames = new Set(c.endpoints.map((e) => e.name));
  const groupNames = new Set(c.endpoints.flatMap((e) => (e.group ? [e.group] : [])));
  if (endpointNames.size !== c.endpoints.length) issues.push({ path: 'endpoints', message: 'endpoint names must be unique' });
  const firstEndpoint = c.endpoints[0]!.name;
  const roles = {} as RunConfig['roles'];
  for (const role of RUN_ROLES) {
    const binding = c.roles[role as RunRole];
    const endpoint = binding?.endpoint ?? (role === 'embedder' ? LEXICAL_EMBEDDER : firstEndpoint);
    if (!endpointNames.has(endpoint) && !groupNames.has(endpoint) && !(role === 'embedder' && endpoint === LEXICAL_EMBEDDER)) {
      issues.push({ path: `roles.${role}.endpoint`, message: `no endpoint or group named "${endpoint}"` });
    }
    roles[role] = { endpoint, sampling: { ...DEFAULT_ROLE_SAMPLING[role], ...(binding?.sampling ?? {}) }, disableThinking: binding?.disableThinking ?? true };
  }
  for (const [name, version] of Object.entries(c.templates)) {
    if (!(name in defaults.templateVersions)) issues.push({ path: `templates.${name}`, message: 'unknown prompt template' });
    else if (!/^v\d+$/.test(version)) issues.push({ path: `templates.${name}`, message: 'bad version' });
  }
  if (issues.length > 0) throw new RunConfigError(issues);
  return {
    name: c.name ?? '',
    method: c.method,
    dataset: c.dataset,
    preset: c.preset ?? null,
    split: c.split ?? null,
    epochs: c.epochs ?? preset?.epochs ?? 3,
    batchSize: c.batchSize ?? preset?.batchSize ?? 3,
    stepsPerEpoch: c.stepsPerEpoch !== undefined ? c.stepsPerEpoch : (preset?.stepsPerEpoch ?? null),
    seed: c.seed,
    validationGate: c.validationGate ?? preset?.validationGate ?? false,
    retrievalK: c.retrievalK,
    retrievalThreshold: c.retrievalThreshold,
    lessonFormat: c.lessonFormat,
    embeddingDimensions: c.embeddingDimensions,
    context: c.context,
    mergeThreshold: c.mergeThreshold,
    critiqueScope: c.critiqueScope,
    qCadence: c.qCadence,
    measureSeed: c.measureSeed,
    initialPrompt: c.initialPrompt,
    initialOptimizerInstructions: c.initialOptimizerInstructions ?? defaults.optimizerInstructions,
    maxUpdateRetries: c.maxUpdateRetries,
    maxPhaseAttempts: c.maxPhaseAttempts,
    parallelism: c.parallelism,
    // The switch each endpoint uses is part of what the run did: record it, default included.
    endpoints: c.endpoints.map((e) => ({ ...e, thinkingSwitch: e.thinkingSwitch ?? DEFAULT_THINKING_SWITCH[e.kind] })),
    roles,
    budget: c.budget,
    cache: c.cache,
    scorer: c.scorer,
    memory: c.memory ?? null,
    templates: { ...defaults.templateVersions, ...c.templates },
  };
}

/** Methods that read and write the mistake notebook. */
export function usesNotebook(method: RunConfig['method']): boolean {
  return method === 'remo-rag' || method === 'remo';
}

/** Methods whose optimizer instructions Q adapt from reflections. */
export function adaptsOptimizer(method: RunConfig['method']): boolean {
  return method === 'remo-optimizer' || method === 'remo';
}
