/**
 * An experiment's base config in a few words for its header: data and sizes, schedule and the
 * model server. The full config is shown as recorded next to it; this only reads it.
 */
export function describeBase(base: Record<string, unknown>): string[] {
  const parts: string[] = [];
  const dataset = base.dataset;
  parts.push(`data ${typeof dataset === 'string' ? dataset : isRecord(dataset) ? String(dataset.name ?? dataset.hash ?? '?') : 'gsm8k'}`);
  const split = base.split;
  if (isRecord(split)) parts.push(`train ${String(split.train)} · val ${String(split.val)} · test ${String(split.test)}`);
  else if (typeof base.preset === 'string') parts.push(`preset ${base.preset}`);
  if (typeof base.epochs === 'number') parts.push(`${base.epochs} epoch${base.epochs === 1 ? '' : 's'}`);
  if (typeof base.stepsPerEpoch === 'number') parts.push(`${base.stepsPerEpoch} step${base.stepsPerEpoch === 1 ? '' : 's'} per epoch`);
  if (typeof base.batchSize === 'number') parts.push(`batch ${base.batchSize}`);
  const endpoints = Array.isArray(base.endpoints) ? base.endpoints.filter(isRecord) : [];
  parts.push(endpoints.length === 0
    ? 'the default model server'
    : endpoints.map((endpoint) => (endpoint.kind === 'simulator' ? 'the built-in simulator' : `${String(endpoint.kind ?? 'custom')} ${String(endpoint.model ?? '')}`.trim())).join(', '));
  return parts;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
