import path from 'node:path';
import { createWebTransport, startWebHost, webHostApiFromTransport } from '../../electron/host';
import { defineContractSuite } from './contractCases';
import { createTestCore } from './testCore';

defineContractSuite('the loopback web host (HTTP + WebSocket)', async () => {
  const core = await createTestCore();
  console.log(`[contract] web transport over the ${core.kind} core`);
  const host = await startWebHost({
    api: webHostApiFromTransport(core.api.transport('web')),
    staticDir: path.resolve('dist/renderer'),
  });
  const transport = createWebTransport(host.origin, host.token);
  return {
    transport,
    transportName: 'web',
    seededRunId: core.seededRunId,
    startConfig: core.startConfig,
    testEndpoint: core.testEndpoint,
    ready: () => transport.ready(),
    close: async () => {
      transport.close();
      await host.close();
      await core.close();
    },
  };
});
