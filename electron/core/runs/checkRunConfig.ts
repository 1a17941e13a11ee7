import type { ConfigCheck } from '../../../shared/api/contract';
import type { RunConfig } from '../../../shared/config/runConfig';
import { RunConfigError, type ConfigIssue } from '../../../shared/config/runConfigError';
import { InlineApiKeyError, rejectInlineApiKeys } from './configGuards';

/** Limits "within sense" for values a user types; the schema's own limits are wider (old runs, tests). */
export const CONFIG_LIMITS = {
  epochs: { min: 1, max: 100 },
  batchSize: { min: 1, max: 64 },
  stepsPerEpoch: { min: 1, max: 10_000 },
  concurrency: { min: 1, max: 1024 },
  timeoutMs: { min: 1000 },
} as const;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface ConfigCheckOptions {
  /** Parses and resolves the config (the engine's parseRunConfig); throws RunConfigError. */
  parse: (json: unknown) => RunConfig;
  /** Where the core runs: its environment decides whether a key variable is set. */
  env?: NodeJS.ProcessEnv;
  /** True when the key can come from elsewhere (the desktop app's keychain) for this endpoint. */
  keyAvailable?: (endpoint: { name: string; baseURL: string; apiKeyEnv?: string }) => boolean;
}

/** Checks a resolved config's endpoints: http(s) URL, a usable key variable, sane limits. */
export function endpointIssues(config: Pick<RunConfig, 'endpoints'>, options: Pick<ConfigCheckOptions, 'env' | 'keyAvailable'>): ConfigIssue[] {
  const env = options.env ?? process.env;
  const issues: ConfigIssue[] = [];
  config.endpoints.forEach((endpoint, index) => {
    const at = (field: string) => `endpoints.${index}.${field}`;
    const which = `endpoint ${index + 1}${endpoint.name ? ` ("${endpoint.name}")` : ''}`;
    let protocol = '';
    try {
      protocol = new URL(endpoint.baseURL).protocol;
    } catch {
      issues.push({ path: at('baseURL'), message: `base URL of ${which} is not a URL; use one such as http://127.0.0.1:8000/v1` });
    }
    if (protocol && protocol !== 'http:' && protocol !== 'https:') {
      issues.push({ path: at('baseURL'), message: `base URL of ${which} must start with http:// or https:// (got ${protocol}//)` });
    }
    if (endpoint.apiKeyEnv !== undefined) {
      if (!ENV_NAME.test(endpoint.apiKeyEnv)) {
        issues.push({ path: at('apiKeyEnv'), message: `API key variable of ${which} must be an environment variable name (letters, digits and _, not starting with a digit), e.g. OPENAI_API_KEY` });
      } else if (!env[endpoint.apiKeyEnv] && !(options.keyAvailable?.(endpoint) ?? false)) {
        issues.push({ path: at('apiKeyEnv'), message: `API key variable ${endpoint.apiKeyEnv} of ${which} is not set where the core runs; set it in that environment (then restart), or leave the field empty for a server without a key` });
      }
    }
    const { min, max } = CONFIG_LIMITS.concurrency;
    if (endpoint.concurrency < min || endpoint.concurrency > max) issues.push({ path: at('concurrency'), message: `concurrency of ${which} must be between ${min} and ${max}` });
    if (endpoint.timeoutMs < CONFIG_LIMITS.timeoutMs.min) issues.push({ path: at('timeoutMs'), message: `timeout of ${which} must be at least ${CONFIG_LIMITS.timeoutMs.min} ms` });
  });
  return issues;
}

/**
 * The endpoint issues that make a config impossible to run here, whatever its age: a base URL that
 * is not http(s), a key variable that is not a name or is not set (and no key store has the key).
 * Forks and resumes check these for every endpoint, touched or not (a recorded config may predate
 * the check, or its variable may be gone since), so nothing is written for a run that cannot start.
 * Sanity limits (concurrency, timeouts) are not among them: a recorded run keeps the values it had.
 */
export function unrunnableIssues(config: Pick<RunConfig, 'endpoints'>, options: Pick<ConfigCheckOptions, 'env' | 'keyAvailable'>): ConfigIssue[] {
  return endpointIssues(config, options).filter((issue) => /\.(baseURL|apiKeyEnv)$/.test(issue.path));
}

function rangeIssue(path: string, words: string, value: number | null | undefined, { min, max }: { min: number; max: number }): ConfigIssue[] {
  if (value === null || value === undefined) return [];
  return value < min || value > max ? [{ path, message: `${words} must be between ${min} and ${max} (got ${value})` }] : [];
}

/**
 * The limits a user is held to, for the top-level keys in `only` (default: all): epochs, batch
 * size, steps per epoch, and the endpoints' URLs, key variables, concurrency and timeouts.
 */
export function limitIssues(config: RunConfig, options: Pick<ConfigCheckOptions, 'env' | 'keyAvailable'>, only?: readonly string[]): ConfigIssue[] {
  const wanted = (key: string) => !only || only.includes(key);
  return [
    ...(wanted('epochs') ? rangeIssue('epochs', 'epochs', config.epochs, CONFIG_LIMITS.epochs) : []),
    ...(wanted('batchSize') ? rangeIssue('batchSize', 'batch size', config.batchSize, CONFIG_LIMITS.batchSize) : []),
    ...(wanted('stepsPerEpoch') ? rangeIssue('stepsPerEpoch', 'steps per epoch', config.stepsPerEpoch, CONFIG_LIMITS.stepsPerEpoch) : []),
    ...(wanted('endpoints') ? endpointIssues(config, options) : []),
  ];
}

/**
 * Checks a run config exactly as `runs.start` does, and writes nothing: no inline key, the
 * engine's schema (plain-words messages), then the limits a user is held to (http(s) URLs, key
 * variable names that exist here, epochs 1-100, batch size 1-64, ...).
 */
export function checkRunConfig(json: unknown, options: ConfigCheckOptions): ConfigCheck {
  try {
    rejectInlineApiKeys(json);
  } catch (error) {
    if (error instanceof InlineApiKeyError) {
      return { ok: false, issues: [{ path: error.field.replace(/^config\.?/, '').replace(/\[(\d+)\]/g, '.$1'), message: error.message.slice(error.field.length + 2) }] };
    }
    throw error;
  }
  let config: RunConfig;
  try {
    config = options.parse(json);
  } catch (error) {
    if (error instanceof RunConfigError) return { ok: false, issues: error.issues };
    throw error;
  }
  const issues = limitIssues(config, options);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, issues: [], resolved: config as unknown as Record<string, unknown> };
}
