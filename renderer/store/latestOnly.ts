/**
 * Wraps an async task so at most one runs at a time and, while it runs, only the newest request
 * waits: requests in between are dropped. Scrubbing by keyboard repeats faster than a fold over
 * the network; showing every intermediate state would only delay the one the user stopped at.
 */
export function createLatestOnly<A>(task: (args: A) => Promise<void>): (args: A) => Promise<void> {
  let running: Promise<void> | null = null;
  let pending: { args: A } | null = null;
  const drain = async (): Promise<void> => {
    while (pending) {
      const { args } = pending;
      pending = null;
      try {
        await task(args);
      } catch {
        // The task reports its own errors to the store; a failure must not stop later requests.
      }
    }
    running = null;
  };
  return (args) => {
    pending = { args };
    running ??= drain();
    return running;
  };
}
