/**
 * Index of `name` in `names`, appending it when new. The read side sends repeated strings (event
 * types, roles) once, as a list, and refers to them by index; both ends build and merge such lists
 * with this. Linear in the list, which holds a few dozen names at most.
 */
export function codeOf(names: string[], name: string): number {
  const known = names.indexOf(name);
  if (known >= 0) return known;
  names.push(name);
  return names.length - 1;
}
