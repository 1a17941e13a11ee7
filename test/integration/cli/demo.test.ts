import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastJsonLine, runRemo, tempDir } from './cliHarness';

describe('remo demo', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeAll(() => {
    dir = tempDir('remo-demo-');
  });
  afterAll(() => dir.cleanup());

  it('runs textgrad vs remo against the in-process simulator and says so before and after', async () => {
    const db = join(dir.dir, 'demo.db');
    const result = await runRemo(['demo', '--size', 'tiny', '--latency', '0', '--db', db]);
    expect(result.code).toBe(0);
    const stdout = result.stdout;
    const notices = stdout.match(/built-in SIMULATOR/g) ?? [];
    expect(notices.length).toBeGreaterThanOrEqual(2);
    expect(stdout.indexOf('built-in SIMULATOR')).toBeLessThan(stdout.indexOf('train size'));
    expect(stdout.lastIndexOf('built-in SIMULATOR')).toBeGreaterThan(stdout.indexOf('train size'));
    expect(stdout).toMatch(/textgrad \*/);
    expect(stdout).toMatch(/remo \*/);

    const runs = lastJsonLine((await runRemo(['runs', '--db', db, '--json'])).stdout) as unknown as Array<{ method: string; status: string; simulated: boolean }>;
    expect(runs.map((r) => [r.method, r.status, r.simulated])).toEqual([
      ['textgrad', 'completed', true],
      ['remo', 'completed', true],
    ]);
  }, 120_000);
});
