/**
 * Calls `task` at once, then at most once per `ms`: calls made in between collapse into one more
 * call when the interval ends (leading and trailing). Pushes arrive in bursts while runs execute;
 * a page that refreshes on them should do so now and then, not per batch.
 */
export function createThrottle(task: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const wait = () => {
    timer = setTimeout(() => {
      timer = undefined;
      if (!pending) return;
      pending = false;
      task();
      wait();
    }, ms);
  };
  return () => {
    if (timer) {
      pending = true;
      return;
    }
    task();
    wait();
  };
}
