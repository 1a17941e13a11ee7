import { z } from 'zod';
import { DEFAULT_ROLE_SAMPLING, LEXICAL_EMBEDDER } from '../../../../shared/config/resolveRunConfig';
import { THINKING_SWITCHES } from '../../../../shared/config/thinkingSwitches';
import { ENDPOINT_KINDS, ROLES } from '../types';
import type { EndpointProfile, Role, RoleBinding } from '../types';

/**
 * zod schemas for the gateway's configuration: endpoint profiles and role bindings.
 * The engine's run config reuses them (import from here) so a config is checked once, with
 * messages that name the offending field. Schemas are plain data: no API key ever leaves memory
 * through them except where the caller chooses to persist (never do: persist `apiKeyEnv`).
 */


export const SamplingSchema = z
  .object({
    temperature: z.number({ error: 'temperature must be a number' }).min(0, 'temperature must be >= 0').max(2, 'temperature must be <= 2').optional(),
    topP: z.number({ error: 'topP must be a number' }).gt(0, 'topP must be > 0').max(1, 'topP must be <= 1').optional(),
    maxTokens: z.number({ error: 'maxTokens must be a number' }).int('maxTokens must be an integer').positive('maxTokens must be > 0').optional(),
    seed: z.number({ error: 'seed must be a number' }).int('seed must be an integer').optional(),
  })
  .strict();

export const EndpointProfileSchema = z
  .object({
    name: z.string({ error: 'endpoint name is required' }).trim().min(1, 'endpoint name must not be empty')
      .refine((name) => name !== LEXICAL_EMBEDDER, `endpoint name "${LEXICAL_EMBEDDER}" is reserved`),
    kind: z.enum(ENDPOINT_KINDS, { error: `kind must be one of: ${ENDPOINT_KINDS.join(', ')}` }),
    baseURL: z.url({ error: 'baseURL must be a URL such as http://127.0.0.1:8000/v1' })
      .refine((url) => /^https?:\/\//i.test(url), 'baseURL must start with http:// or https://'),
    model: z.string({ error: 'model is required' }).trim().min(1, 'model must not be empty'),
    apiKey: z.string().optional(),
    apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'apiKeyEnv must be an environment variable name').optional(),
    maxConcurrency: z.number({ error: 'maxConcurrency must be a number' }).int('maxConcurrency must be an integer')
      .min(1, 'maxConcurrency must be >= 1').max(1024, 'maxConcurrency must be <= 1024'),
    timeoutMs: z.number({ error: 'timeoutMs must be a number' }).int('timeoutMs must be an integer')
      .min(100, 'timeoutMs must be >= 100').max(3_600_000, 'timeoutMs must be <= 3600000 (one hour)'),
    group: z.string().trim().min(1, 'group must not be empty when given').optional(),
    thinkingSwitch: z.enum(THINKING_SWITCHES, { error: `thinkingSwitch must be one of: ${THINKING_SWITCHES.join(', ')}` }).optional(),
  })
  .strict();

export const RoleBindingSchema = z
  .object({
    endpoint: z.string({ error: 'endpoint (an endpoint or group name) is required' }).min(1, 'endpoint must not be empty'),
    sampling: SamplingSchema.default({}),
    disableThinking: z.boolean().optional(),
  })
  .strict();

/** Every chat role must be bound; the embedder may be left out (then: the lexical embedder). */
const roleShape = Object.fromEntries(
  ROLES.map((role) => [role, role === 'embedder' ? RoleBindingSchema.optional() : RoleBindingSchema]),
) as Record<Role, typeof RoleBindingSchema>;

export const RoleBindingsSchema = z.object(roleShape).strict();

export const LlmConfigSchema = z
  .object({
    endpoints: z.array(EndpointProfileSchema).min(1, 'at least one endpoint is required'),
    roles: RoleBindingsSchema,
  })
  .strict()
  .superRefine((config, ctx) => {
    const names = new Set<string>();
    for (const [index, endpoint] of config.endpoints.entries()) {
      if (names.has(endpoint.name)) {
        ctx.addIssue({ code: 'custom', path: ['endpoints', index, 'name'], message: `endpoint name "${endpoint.name}" is used twice` });
      }
      names.add(endpoint.name);
    }
    const groups = new Set(config.endpoints.flatMap((endpoint) => (endpoint.group ? [endpoint.group] : [])));
    for (const role of ROLES) {
      const binding = (config.roles as Partial<Record<Role, RoleBinding>>)[role];
      if (!binding) continue;
      const target = binding.endpoint;
      if (role === 'embedder' && target === LEXICAL_EMBEDDER) continue;
      if (!names.has(target) && !groups.has(target)) {
        ctx.addIssue({ code: 'custom', path: ['roles', role, 'endpoint'], message: `roles.${role}.endpoint "${target}" names no endpoint or group` });
      }
    }
  });

export type LlmConfig = z.infer<typeof LlmConfigSchema>;
export type RoleBindings = Record<Exclude<Role, 'embedder'>, RoleBinding> & { embedder?: RoleBinding };


/**
 * The default bindings: every chat role on one endpoint (or group), temperature 0 for the solver,
 * thinking off. The embedder uses `embedderEndpoint` when given, else the built-in lexical one.
 */
export function defaultRoleBindings(endpoint: string, options: { embedderEndpoint?: string } = {}): RoleBindings {
  const bind = (role: Role): RoleBinding => ({ endpoint, sampling: { ...DEFAULT_ROLE_SAMPLING[role] }, disableThinking: true });
  return {
    solver: bind('solver'),
    critic: bind('critic'),
    optimizer: bind('optimizer'),
    lessonWriter: bind('lessonWriter'),
    reflector: bind('reflector'),
    metaController: bind('metaController'),
    ...(options.embedderEndpoint ? { embedder: { endpoint: options.embedderEndpoint, sampling: {} } } : {}),
  };
}

/** Formats a zod error as one line per issue, each naming its field path. */
export function describeConfigError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(config)'}: ${issue.message}`).join('\n');
}

/** The profile with its secret removed: safe for logs, events and the UI. */
export function redactEndpoint(profile: EndpointProfile): Omit<EndpointProfile, 'apiKey'> & { apiKeySet: boolean } {
  const { apiKey, ...rest } = profile;
  return { ...rest, apiKeySet: Boolean(apiKey) };
}
