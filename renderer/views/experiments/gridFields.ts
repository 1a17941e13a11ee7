import type { Method } from '../../../shared/api/runViews';

/** What the grid fields hold, as typed. */
export interface GridFields {
  name: string;
  methods: Method[];
  /** Comma-separated seeds, e.g. "0, 1, 2". */
  seeds: string;
  vary: { on: boolean; key: string; values: string };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** "0, 1, 2" -> [0, 1, 2]. Repeats are left to the core (it names them). */
export function parseSeeds(text: string): Parsed<number[]> {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length === 1 && parts[0] === '') return { ok: false, message: 'give at least one seed, e.g. 0, 1, 2' };
  const seeds: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return { ok: false, message: part === '' ? 'an empty seed between commas' : `"${part}" is not a whole number ≥ 0` };
    seeds.push(Number(part));
  }
  return { ok: true, value: seeds };
}

/**
 * "1, 3, 5" -> [1, 3, 5]; each value is read as JSON when it is a number, true, false, null or a
 * quoted string, else taken as the text it is ("record, excerpt" -> two strings).
 */
export function parseVaryValues(text: string): Parsed<(number | string | boolean | null)[]> {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length === 1 && parts[0] === '') return { ok: false, message: 'give the values to try, e.g. 1, 3, 5' };
  const values: (number | string | boolean | null)[] = [];
  for (const part of parts) {
    if (part === '') return { ok: false, message: 'an empty value between commas' };
    values.push(scalarOf(part));
  }
  return { ok: true, value: values };
}

function scalarOf(text: string): number | string | boolean | null {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  } catch {
    // Not JSON: the text itself.
  }
  return text;
}

/**
 * The experiment file the fields describe (shared/experiments/experimentConfig.ts), or the first
 * field that cannot be read, by its path in the file.
 */
export function experimentConfigOf(fields: GridFields, base: Record<string, unknown>): { config: Record<string, unknown> } | { path: string; message: string } {
  const seeds = parseSeeds(fields.seeds);
  if (!seeds.ok) return { path: 'grid.seeds', message: seeds.message };
  let vary: { key: string; values: (number | string | boolean | null)[] } | undefined;
  if (fields.vary.on) {
    const values = parseVaryValues(fields.vary.values);
    if (!values.ok) return { path: 'grid.vary.values', message: values.message };
    vary = { key: fields.vary.key.trim(), values: values.value };
  }
  return { config: { name: fields.name.trim(), base, grid: { methods: fields.methods, seeds: seeds.value, ...(vary ? { vary } : {}) } } };
}
