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

/**
 * Whether an already-parsed value (arguments from IPC or the in-process transport) nests deeper
 * than `limit`. Iterative, so the check cannot itself overflow; it stops at the first path past the limit.
 */
export function valueExceedsDepth(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object' || ArrayBuffer.isView(current)) continue;
    if (depth + 1 > limit) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    const children = Array.isArray(current) ? current : Object.values(current as Record<string, unknown>);
    for (const child of children) if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** The words a transport answers for a body it could not parse (bad JSON, or too deep). */
export function describeBodyParseError(error: unknown): string {
  return error instanceof JsonTooDeepError ? `request body is ${error.message}` : 'request body is not valid JSON';
}
