import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('fault soak, tiny split (npm run test:soak:tiny)', () => {
  it('the textgrad-dspy schedule completes under 20% faults of every kind, failed attempts logged, no unhandled rejection', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'test/crash/faultSoak.ts', '--tiny'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 600_000,
    });
    const last = result.stdout.split('\n').filter((line) => line.trim() !== '').at(-1) ?? '';
    const match = /^soak: (\S+), (\d+) faults served, (\d+) failed attempts logged, (\d+) unhandled rejections, rss start \d+ MB peak \d+ MB$/.exec(last);
    expect(match, `${result.stdout}\n${result.stderr}`).not.toBeNull();
    expect(match![1], result.stdout).toBe('completed');
    expect(Number(match![2])).toBeGreaterThan(0);
    expect(Number(match![3])).toBeGreaterThan(0);
    expect(Number(match![4])).toBe(0);
    expect(result.status, result.stdout).toBe(0);
  }, 600_000);
});
