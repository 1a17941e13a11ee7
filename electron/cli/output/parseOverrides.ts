import { UsageError } from '../usageError';

/**
 * Turns repeated `--set key=value` flags into a config-override object. The value is parsed as
 * JSON when it is valid JSON (numbers, booleans, null, arrays, objects, quoted strings), else taken
 * as a plain string, so `--set epochs=5` is a number and `--set name=my fork` a string.
 * Dotted keys build nested objects: `--set roles.critic.sampling.temperature=0.3`.
 */
export function parseOverrides(assignments: readonly string[]): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set expects key=value, got "${assignment}"`);
    const key = assignment.slice(0, eq).trim();
    const raw = assignment.slice(eq + 1);
    const path = key.split('.');
    if (path.some((segment) => segment === '' || segment === '__proto__' || segment === 'constructor' || segment === 'prototype')) {
      throw new UsageError(`--set: bad key "${key}"`);
    }
    let target = overrides;
    for (const segment of path.slice(0, -1)) {
      const next = target[segment];
      if (next === undefined) target[segment] = {};
      else if (next === null || typeof next !== 'object' || Array.isArray(next)) {
        throw new UsageError(`--set: "${key}" conflicts with an earlier --set of "${segment}"`);
      }
      target = target[segment] as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = parseValue(raw);
  }
  return overrides;
}

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
