import { describe, expect, it } from 'vitest';
import { createLatestOnly } from '../../../renderer/store/latestOnly';

describe('createLatestOnly', () => {
  it('runs one task at a time and, of the requests made meanwhile, only the newest', async () => {
    const started: number[] = [];
    let release: () => void = () => undefined;
    const run = createLatestOnly(async (n: number) => {
      started.push(n);
      await new Promise<void>((resolve) => { release = resolve; });
    });
    const first = run(1);
    void run(2);
    void run(3);
    const last = run(4);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    await Promise.all([first, last]);
    expect(started).toEqual([1, 4]);
  });

  it('keeps serving after a task throws', async () => {
    const seen: number[] = [];
    const run = createLatestOnly(async (n: number) => {
      seen.push(n);
      if (n === 1) throw new Error('boom');
    });
    await run(1);
    await run(2);
    expect(seen).toEqual([1, 2]);
  });
});
