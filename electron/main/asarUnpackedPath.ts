import path from 'node:path';

/**
 * Native files cannot be dlopen'ed from inside app.asar: electron-builder unpacks them (asarUnpack)
 * to app.asar.unpacked, but module resolution still reports the app.asar path. SQLite's
 * loadExtension bypasses Electron's asar fs shim, so the sqlite-vec path must be rewritten.
 * Pure, so it is unit-tested for both separators.
 */
export function asarUnpackedPath(file: string, sep: string = path.sep): string {
  const marker = `${sep}app.asar${sep}`;
  return file.includes(marker) ? file.replace(marker, `${sep}app.asar.unpacked${sep}`) : file;
}
