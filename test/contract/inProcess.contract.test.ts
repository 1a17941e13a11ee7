import { defineContractSuite } from './contractCases';
import { createTestCore } from './testCore';

defineContractSuite('the in-process transport', async () => {
  const core = await createTestCore();
  console.log(`[contract] in-process transport over the ${core.kind} core`);
  return {
    transport: core.api.inProcess(),
    transportName: 'in-process',
    seededRunId: core.seededRunId,
    startConfig: core.startConfig,
    testEndpoint: core.testEndpoint,
    ready: async () => undefined,
    close: () => core.close(),
  };
});
