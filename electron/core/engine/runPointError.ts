/** The point named by a RunPoint, at which a state is folded or a fork starts, does not exist. */
export class RunPointError extends Error {
  override name = 'RunPointError';
}
