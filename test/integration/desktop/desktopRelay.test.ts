import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import type { RunSummary } from '../../../shared/api/runViews';

/**
 * The desktop app's main-process wiring without Electron (no binary on these machines): main's
 * real registerIpc and key handler, relaying to the BUNDLED core worker (dist/worker/coreWorker.cjs,
 * what the app starts), with `electron` faked. It walks the app's life: store a key through IPC,
 * run against a simulator that demands it, quit mid-run, start again, find the run paused and
 * resume it. test/e2e/electron.spec.ts does the same with a real Electron where one exists.
 */
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const pushed: unknown[] = [];
  const webContents = { isDestroyed: () => false, getURL: () => 'app://remo/index.html', send: (_channel: string, message: unknown) => pushed.push(message) };
  return { handlers, pushed, webContents };
});

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => fake.handlers.set(channel, handler),
    removeHandler: (channel: string) => fake.handlers.delete(channel),
  },
  BrowserWindow: {
    getAllWindows: () => [{ webContents: fake.webContents }],
    fromWebContents: (contents: unknown) => (contents === fake.webContents ? { webContents: contents } : null),
  },
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (text: string) => Buffer.from(`enc:${Buffer.from(text).toString('base64').split('').reverse().join('')}`),
    decryptString: (blob: Buffer) => Buffer.from(blob.toString().slice(4).split('').reverse().join(''), 'base64').toString(),
  },
}));

const { registerIpc } = await import('../../../electron/main/registerIpc');
const { createKeysHandler } = await import('../../../electron/main/createKeysHandler');
const { createSafeKeyStore } = await import('../../../electron/main/safeKeyStore');
const { startCoreWorker } = await import('../../../electron/core/worker');
const { buildDemoConfig } = await import('../../../electron/core/composition/demoConfig');
const { startSimulator } = await import('../../../electron/core/llm/simulator/startSimulator');
const { IPC_INVOKE_CHANNEL } = await import('../../../shared/api/ipcChannels');

const BUNDLED_WORKER = path.resolve('dist/worker/coreWorker.cjs');
const built = existsSync(BUNDLED_WORKER);
if (!built) console.log('[desktop] skipping: dist/worker/coreWorker.cjs is not built (npm run build:node)');
const SECRET = 'sk-sim-desktop-secret';

/** One app session: a worker on the database, main's IPC relay over it. */
async function openSession(dbPath: string, keyFile: string) {
  const keys = createSafeKeyStore(keyFile);
  const worker = await startCoreWorker({ dbPath, version: '0.1.0', resourcesDir: path.resolve('resources'), keys: keys.all() }, BUNDLED_WORKER);
  const dispose = registerIpc({ core: worker.transport('ipc'), keys: createKeysHandler(keys, (all) => worker.setKeys(all)) });
  const invoke = async <T,>(method: string, args: unknown) => {
    const event = { sender: fake.webContents, senderFrame: { url: 'app://remo/index.html', parent: null } };
    return (await fake.handlers.get(IPC_INVOKE_CHANNEL)!(event, method, args)) as ApiResult<T>;
  };
  return {
    invoke,
    /** What before-quit does: stop relaying, pause runs at their next safe point, close the database. */
    async quit() {
      dispose();
      await worker.close();
    },
  };
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!built)('desktop main relaying to the bundled core worker', () => {
  let dir = '';
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'remo-desktop-'));
    // The simulator refuses every call without this key: a run can only work if the stored key
    // reached the worker.
    simulator = await startSimulator({ seed: 0, latencyMs: 15, apiKey: SECRET });
  });
  afterAll(async () => {
    await simulator?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stores a key over IPC, runs with it, pauses on quit, and resumes after a restart; the key is never in the database', async () => {
    const dbPath = path.join(dir, 'remo.db');
    const keyFile = path.join(dir, 'api-keys.json');
    const config = { ...buildDemoConfig({ method: 'remo', size: 'default', seed: 0, simulatorUrl: simulator.url }), name: 'desktop relay', epochs: 2 };

    const first = await openSession(dbPath, keyFile);
    expect(await first.invoke('app.info', {})).toMatchObject({ ok: true, value: { transport: 'ipc', dbPath } });
    const endpoint = { name: 'simulator', kind: 'simulator', baseURL: simulator.url, model: 'remo-simulator' };
    // Without the key the simulator answers 401 (reachable, but no models and an error).
    expect(await first.invoke('llm.testEndpoint', { endpoint })).toMatchObject({ ok: true, value: { modelAvailable: false, error: expect.stringContaining('401') } });
    expect(await first.invoke('keys.set', { endpoint: 'simulator', key: SECRET })).toMatchObject({ ok: true });
    // setKeys reached the worker: the same probe now authenticates.
    const accepted = await first.invoke<{ modelAvailable: boolean; error?: string }>('llm.testEndpoint', { endpoint });
    expect(accepted).toMatchObject({ ok: true, value: { modelAvailable: true } });
    expect(accepted.ok && accepted.value.error).toBeFalsy();
    const started = await first.invoke<{ runId: string }>('runs.start', { config });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const { runId } = started.value;
    // Pushes come from the worker, summarised, through main to the window.
    await waitFor(async () => (fake.pushed.some((m) => (m as ServerMessage).payload.some((batch) => batch.runId === runId && batch.types.includes('StepCompleted'))) ? true : undefined), 'a pushed step of the run');
    const midRun = await first.invoke<RunSummary>('runs.summary', { runId });
    expect(midRun).toMatchObject({ ok: true, value: { status: 'running' } });
    await first.quit();

    const second = await openSession(dbPath, keyFile);
    const list = await second.invoke<RunSummary[]>('runs.list', {});
    expect(list.ok && list.value.find((run) => run.runId === runId)).toMatchObject({ status: 'paused' });
    expect(await second.invoke('runs.resume', { runId })).toMatchObject({ ok: true, value: { runId } });
    const done = await waitFor(async () => {
      const summary = await second.invoke<RunSummary>('runs.summary', { runId });
      // Still 'paused' until the engine, started in the background, appends RunResumed.
      return summary.ok && ['completed', 'failed', 'stopped'].includes(summary.value.status) ? summary.value : undefined;
    }, 'the resumed run to end', 120_000);
    expect(done.status, done.statusReason).toBe('completed');
    await second.quit();

    for (const file of readdirSync(dir).filter((name) => name.startsWith('remo.db'))) {
      expect(readFileSync(path.join(dir, file)).includes(SECRET), file).toBe(false);
    }
    expect(readFileSync(keyFile, 'utf8')).not.toContain(SECRET);
  }, 180_000);
});
