/**
 * Child process of the kill test: appends to one stream in a loop and prints `ack <global> <stream>`
 * after each commit. Writes to a pipe are synchronous on Linux, so a printed ack means the commit
 * happened before it. Stops by itself after a bounded time in case the parent never kills it.
 * Usage: node --import tsx appendLoop.ts <db path> <stream id>
 */
import { openEventStore } from '../../../../electron/core/store/openEventStore';
import { testRegistry } from './fixtures';

const [dbPath, streamId] = process.argv.slice(2);
if (!dbPath || !streamId) throw new Error('usage: appendLoop.ts <db path> <stream id>');
const SAFETY_STOP_MS = 20_000;

const store = openEventStore({ path: dbPath, registry: testRegistry() });
const padding = 'x'.repeat(200);
const started = Date.now();
process.stdout.write('ready\n');
for (let i = 0; Date.now() - started < SAFETY_STOP_MS; i++) {
  const batch = Array.from({ length: (i % 3) + 1 }, (_, k) => ({ type: 'ValueRecorded', data: { value: i * 10 + k, padding } }));
  const result = store.append(streamId, batch, { expectedVersion: 'any' });
  process.stdout.write(`ack ${result.lastGlobalPosition} ${result.nextExpectedVersion}\n`);
}
store.close();
