/** A mistake in how the command was called (bad flag value, missing file): printed in one line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
