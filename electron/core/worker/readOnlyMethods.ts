/**
 * Contract methods that only read committed state from the database: any core opened on the file
 * answers them alike, so the pool serves them from reader threads and the writer thread (engine,
 * appends, leases, live progress) never delays them. A method not listed goes to the writer,
 * which is always correct, only possibly slower.
 */
export const READ_ONLY_METHODS: ReadonlySet<string> = new Set([
  'app.info',
  'store.verify',
  'runs.list',
  'runs.summary',
  'runs.stateAt',
  'runs.events',
  'runs.timeline',
  'runs.versions',
  'runs.metrics',
  'runs.event',
  'runs.provenance',
  'runs.searchNotebook',
  'runs.compare',
  'experiments.list',
  'experiments.show',
]);
