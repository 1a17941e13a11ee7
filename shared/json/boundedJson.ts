/**
 * JSON from untrusted input (config files, API bodies, export lines, dataset files) with a bound
 * on nesting. V8's JSON.parse itself copes with any depth, but everything after it that walks the
 * value recursively (zod, JSON.stringify, structured clone) overflows the stack on deep input
 * (100k nested arrays is 200 KB of text): the user got "Maximum call stack size exceeded", the
 * web host a 500. Input deeper than MAX_JSON_DEPTH is refused up front with a clear message.
 */

/** No legitimate input of this app comes near this (configs and events are under 10 levels). */
export const MAX_JSON_DEPTH = 100;

/** Thrown for input nested deeper than the bound; `message` says so in plain words. */
export class JsonTooDeepError extends Error {
  override name = 'JsonTooDeepError';
  constructor(readonly limit: number) {
    super(`nested deeper than ${limit} levels`);
  }
}

/**
 * Depth of the deepest array / object in JSON text, stopping as soon as it passes `limit`
 * (a linear scan that skips strings; it does not validate the JSON, JSON.parse does).
 */
export function jsonTextExceedsDepth(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
}

/** JSON.parse with the depth bound: throws JsonTooDeepError before parsing deep text. */
export function parseJsonBounded(text: string, limit = MAX_JSON_DEPTH): unknown {
  if (jsonTextExceedsDepth(text, limit)) throw new JsonTooDeepError(limit);
  return JSON.parse(text);
}

/** What is wrong with an already-parsed value from outside (IPC, the in-process transport), if anything. */
export type ValueProblem = { kind: 'too-deep'; limit: number } | { kind: 'proto-key'; path: string };

/**
 * One iterative walk (deep input cannot overflow it) that stops at the first problem: nesting past
 * `limit`, or, with `protoKeys`, an own `__proto__` key. JSON.parse makes `"__proto__": …` an
 * ordinary own key; zod's records then drop it without a word, and code that merges objects
 * naively would set a prototype from it, so the dispatcher refuses it by name.
 */
export function findValueProblem(value: unknown, { limit = MAX_JSON_DEPTH, protoKeys = true }: { limit?: number; protoKeys?: boolean } = {}): ValueProblem | null {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 0, path: '' }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    if (current === null || typeof current !== 'object' || ArrayBuffer.isView(current)) continue;
    if (depth + 1 > limit) return { kind: 'too-deep', limit };
    if (seen.has(current)) continue;
    seen.add(current);
    if (protoKeys && Object.prototype.hasOwnProperty.call(current, '__proto__')) return { kind: 'proto-key', path: path ? `${path}.__proto__` : '__proto__' };
    for (const [key, child] of Object.entries(current as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1, path: path ? `${path}.${key}` : key });
    }
  }
  return null;
}

/** Whether an already-parsed value nests deeper than `limit` (what a structured clone cannot take). */
export function valueExceedsDepth(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  return findValueProblem(value, { limit, protoKeys: false }) !== null;
}

/** The words a transport answers for a body it could not parse (bad JSON, or too deep). */
export function describeBodyParseError(error: unknown): string {
  return error instanceof JsonTooDeepError ? `request body is ${error.message}` : 'request body is not valid JSON';
}
