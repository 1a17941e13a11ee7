/** The oldest Node this store runs on: better-sqlite3 13 needs it and segfaults (exit 139) on Node 20. */
export const MINIMUM_NODE_VERSION = '22.12.0';

/** Thrown before better-sqlite3 is loaded when the runtime is too old to load it safely. */
export class UnsupportedRuntimeError extends Error {
  override name = 'UnsupportedRuntimeError';
}

/**
 * Refuses to go on when the Node runtime is older than {@link MINIMUM_NODE_VERSION}. Called by the
 * database opener BEFORE better-sqlite3 is required, because on Node 20 loading it crashes the
 * process instead of throwing, and a crash gives the user nothing to act on.
 */
export function assertSupportedRuntime(nodeVersion: string = process.versions.node): void {
  const [major = 0, minor = 0] = nodeVersion.split('.').map(Number);
  const [minMajor = 0, minMinor = 0] = MINIMUM_NODE_VERSION.split('.').map(Number);
  if (major > minMajor || (major === minMajor && minor >= minMinor)) return;
  throw new UnsupportedRuntimeError(
    `REMO Studio's database needs Node.js ${MINIMUM_NODE_VERSION} or newer; this is Node.js ${nodeVersion}. ` +
      'Run through npm so the project\'s own Node is used (`npx remo …`, `npm run …`).',
  );
}
