import { RUN_ROLES } from '../../../shared/config/runConfig';
import { RunConfigError } from '../../../shared/config/runConfigError';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Flattens overrides to dotted paths: `{ endpoints: { 0: { baseURL } } }` (what `--set
 * endpoints.0.baseURL=...` builds) and `{ 'endpoints.0.baseURL': ... }` (what a form sends) both
 * give `endpoints.0.baseURL`. Arrays and scalars are leaves.
 */
export function flattenOverrides(overrides: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(overrides)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value) && Object.keys(value).length > 0) out.push(...flattenOverrides(value, path));
    else out.push([path, value]);
  }
  return out;
}

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/** Keys a resume may change: how the run reaches its models, nothing that changes what it computes. */
export function isEndpointKey(path: string): boolean {
  const segments = path.split('.');
  if (segments[0] === 'endpoints') return true;
  return segments.length === 3 && segments[0] === 'roles' && (RUN_ROLES as readonly string[]).includes(segments[1]!) && segments[2] === 'endpoint';
}

/** Sets `path` in a deep copy of `target`; numeric segments index arrays. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let node: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    const current: unknown = Array.isArray(node) ? node[Number(segment)] : node[segment];
    const next = segments[i + 1]!;
    const child = current !== null && typeof current === 'object' ? current : /^\d+$/.test(next) ? [] : {};
    if (Array.isArray(node)) node[Number(segment)] = child;
    else node[segment] = child;
    node = child as Record<string, unknown> | unknown[];
  }
  const last = segments[segments.length - 1]!;
  if (Array.isArray(node)) node[Number(last)] = value;
  else node[last] = value;
}

/**
 * Applies endpoint overrides to a run's config for `runs.resume`: every key must be under
 * `endpoints` (or a role's `endpoint` binding); anything else is refused naming the key. Returns
 * the patched config (not yet re-validated) and the flattened overrides to record.
 */
export function applyEndpointOverrides(config: Record<string, unknown>, overrides: Record<string, unknown>): { config: Record<string, unknown>; applied: Record<string, unknown> } {
  const flat = flattenOverrides(overrides);
  const bad = flat.filter(([path]) => !isEndpointKey(path) || path.split('.').some((s) => s === '' || FORBIDDEN_SEGMENTS.has(s)));
  if (bad.length > 0) {
    throw new RunConfigError(bad.map(([path]) => ({
      path,
      message: `resuming may change only how the run reaches its models (keys under "endpoints", or roles.<role>.endpoint); fork the run to change "${path}"`,
    })));
  }
  const patched = structuredClone(config);
  for (const [path, value] of flat) setPath(patched, path, value);
  return { config: patched, applied: Object.fromEntries(flat) };
}
