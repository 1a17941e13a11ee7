/**
 * Maps `items` through `fn` with at most `limit` calls in flight, and returns the results in INPUT
 * order whatever the completion order: the engine appends a phase's events in item order, which is
 * what makes runs deterministic across concurrency settings. The first failure aborts the rest
 * (through `controller`) and is rethrown once every started call has settled.
 */
export async function boundedMap<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}
