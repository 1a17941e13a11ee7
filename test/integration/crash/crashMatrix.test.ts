import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('crash matrix (npm run test:crash:ci)', () => {
  it('SIGKILL during run/resume, import, fork and rebuild: verify passes, runs equal the uninterrupted one, no call repeated beyond those in flight', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'test/crash/crash.ts', '--kills', '5', '--op-kills', '1'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 600_000,
    });
    const lines = result.stdout.split('\n').filter((line) => line.trim() !== '');
    const last = lines.at(-1) ?? '';
    const match = /^crash: (\d+) kills, (\d+) verify failures, (\d+) runs differing, (\d+) repeated of (\d+) in flight$/.exec(last);
    expect(match, `${result.stdout}\n${result.stderr}`).not.toBeNull();
    const [, kills, verifyFailures, differing, repeated, inFlight] = match!.map(Number);
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(verifyFailures, result.stdout).toBe(0);
    expect(differing, result.stdout).toBe(0);
    expect(repeated, result.stdout).toBeLessThanOrEqual(inFlight!);
  }, 600_000);
});
