/**
 * Fork overrides may name nested keys (`{ roles: { critic: { sampling: { temperature: 0.3 } } } }`,
 * what `--set roles.critic.sampling.temperature=0.3` produces). The engine replaces top-level keys
 * of the parent's config, so each overridden top-level object is first deep-merged with the
 * parent's value here: the fork changes only what the user named. Arrays and scalars replace, except
 * that numeric keys patch single array elements (`endpoints.0.baseURL`).
 */
export function expandOverrides(parentConfig: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(overrides).map(([key, value]) => [key, deepMerge(parentConfig[key], value)]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function deepMerge(base: unknown, patch: unknown): unknown {
  // `--set endpoints.0.baseURL=...` names an array element by index: patch that element only.
  if (Array.isArray(base) && isPlainObject(patch) && Object.keys(patch).length > 0 && Object.keys(patch).every((key) => /^\d+$/.test(key))) {
    const merged = [...base];
    for (const [key, value] of Object.entries(patch)) merged[Number(key)] = deepMerge(base[Number(key)], value);
    return merged;
  }
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = deepMerge(base[key], value);
  return merged;
}
