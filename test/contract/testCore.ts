import { createApiService, type ApiService } from '../../electron/core/api';
import { createFakeRunService } from './fakeRunService';

/** A core for contract tests: an API service, a seeded finished run, a start config, and close(). */
export interface TestCore {
  api: ApiService;
  seededRunId: string;
  startConfig: Record<string, unknown>;
  /** Which core backs the suite, printed so the report can say so. */
  kind: 'real' | 'fake';
  close(): Promise<void>;
}

export async function createTestCore(): Promise<TestCore> {
  const runs = createFakeRunService();
  const { runId } = await runs.start({ name: 'seeded', method: 'remo' });
  const api = createApiService({
    runs,
    verifyStore: () => ({ ok: true, eventsChecked: runs.list().length * 4 }),
    info: () => ({ name: 'REMO Studio', version: '0.1.0', dbPath: '/tmp/fake.db', simulator: true }),
  });
  return { api, seededRunId: runId, startConfig: { name: 'pushed', method: 'remo' }, kind: 'fake', close: async () => undefined };
}
