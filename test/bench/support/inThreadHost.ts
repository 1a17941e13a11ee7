/**
 * The web host with the core on its own thread, as `remo web` served before the core worker:
 * bench:host's baseline. Prints the same first lines as `remo web` so the benchmark reads both alike.
 */
import { apiDepsFromCore, createApiService } from '../../../electron/core/api';
import { createCore } from '../../../electron/core/composition/createCore';
import { startWebHost, webHostApiFromTransport } from '../../../electron/host';

const dbPath = process.argv[2];
if (!dbPath) throw new Error('usage: inThreadHost.ts DB');
const core = await createCore({ dbPath });
const api = createApiService(apiDepsFromCore(core, { version: '0.0.0-bench' }));
const host = await startWebHost({ api: webHostApiFromTransport(api.transport('web')) });
process.stdout.write(`REMO Studio is served at\n  ${host.url}\n`);
await new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
await host.close();
await core.close();
