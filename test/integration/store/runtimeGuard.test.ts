import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from './support/tempDir';

/** The machine's own Node when it is older than 22.12 (these machines have Node 20 at /usr/bin/node). */
function findOldNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^v/, '');
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 12)) return candidate;
  }
  return undefined;
}

const oldNode = findOldNode();
const script = fileURLToPath(new URL('./support/openOnThisRuntime.mts', import.meta.url));
const tsxLoader = createRequire(import.meta.url).resolve('tsx/esm');

describe('runtime guard on a real old Node', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  if (!oldNode) console.log('runtime guard test skipped: no Node older than 22.12 found at /usr/bin/node or /usr/local/bin/node');

  it.skipIf(!oldNode)('refuses with a clear message instead of crashing, and creates no file', () => {
    const dbPath = temp.path('never.db');
    const result = spawnSync(oldNode!, ['--import', tsxLoader, script, dbPath], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(0); // no segfault (139)
    expect(result.stdout).toMatch(/^UnsupportedRuntimeError: REMO Studio's database needs Node.js 22.12.0 or newer; this is Node.js \d+\.\d+/);
    expect(existsSync(dbPath)).toBe(false);
  });
});
