import { afterEach, describe, expect, it, vi } from 'vitest';
import { createThrottle } from '../../../renderer/store/throttle';

afterEach(() => {
  vi.useRealTimers();
});

describe('createThrottle', () => {
  it('runs at once, then once more at the end of the interval for all calls made during it', () => {
    vi.useFakeTimers();
    const task = vi.fn();
    const throttled = createThrottle(task, 1000);
    throttled();
    expect(task).toHaveBeenCalledTimes(1);
    throttled();
    throttled();
    throttled();
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(task).toHaveBeenCalledTimes(2);
    // Quiet interval after the trailing call: nothing more, and the next call runs at once again.
    vi.advanceTimersByTime(1000);
    expect(task).toHaveBeenCalledTimes(2);
    throttled();
    expect(task).toHaveBeenCalledTimes(3);
  });

  it('a steady stream of calls runs the task once per interval', () => {
    vi.useFakeTimers();
    const task = vi.fn();
    const throttled = createThrottle(task, 1000);
    for (let t = 0; t < 5000; t += 100) {
      throttled();
      vi.advanceTimersByTime(100);
    }
    expect(task.mock.calls.length).toBeGreaterThanOrEqual(5);
    expect(task.mock.calls.length).toBeLessThanOrEqual(6);
  });
});
