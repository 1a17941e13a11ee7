/**
 * The path of the first own `__proto__` key in a parsed value, or null. JSON.parse makes
 * `"__proto__": …` an ordinary own key; zod's records then drop it without a word, and code that
 * merges objects naively would set a prototype from it. Either way the input did not mean what it
 * says, so the dispatcher refuses it by name. Iterative: deep input cannot overflow the check.
 */
export function findProtoKey(value: unknown): string | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (Object.prototype.hasOwnProperty.call(current, '__proto__')) return path ? `${path}.__proto__` : '__proto__';
    for (const [key, child] of Object.entries(current)) stack.push({ value: child, path: path ? `${path}.${key}` : key });
  }
  return null;
}
