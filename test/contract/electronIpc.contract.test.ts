import { vi } from 'vitest';
import type { ApiTransport } from '../../shared/api/transport';
import { defineContractSuite } from './contractCases';
import { createTestCore } from './testCore';

/**
 * The contract over the IPC path: main's real `registerIpc` and the real preload, with only the
 * `electron` module replaced (no Electron binary on these machines; requiring the real one would
 * start a download). The fake carries messages between them the way Electron does: arguments,
 * replies and pushes are structured-cloned, and calls come from the app page's top frame. The
 * Electron-specific parts (sandbox, contextIsolation) are covered by test/e2e/electron.spec.ts
 * where a binary exists.
 */
const ipc = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const rendererListeners = new Map<string, Set<(event: unknown, message: unknown) => void>>();
  const exposed: Record<string, unknown> = {};
  const webContents = {
    isDestroyed: () => false,
    getURL: () => 'app://remo/index.html',
    send: (channel: string, message: unknown) => {
      const copy = structuredClone(message);
      for (const listener of rendererListeners.get(channel) ?? []) listener({ sender: 'ipcRenderer' }, copy);
    },
  };
  return { handlers, rendererListeners, exposed, webContents };
});

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => ipc.handlers.set(channel, handler),
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
  },
  BrowserWindow: {
    getAllWindows: () => [{ webContents: ipc.webContents }],
    fromWebContents: (contents: unknown) => (contents === ipc.webContents ? { webContents: contents } : null),
  },
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (ipc.exposed[name] = api) },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      const handler = ipc.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const event = { sender: ipc.webContents, senderFrame: { url: 'app://remo/index.html', parent: null } };
      return structuredClone(await handler(event, ...structuredClone(args)));
    },
    on: (channel: string, listener: (event: unknown, message: unknown) => void) => {
      if (!ipc.rendererListeners.has(channel)) ipc.rendererListeners.set(channel, new Set());
      ipc.rendererListeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (event: unknown, message: unknown) => void) => ipc.rendererListeners.get(channel)?.delete(listener),
  },
}));

defineContractSuite('Electron IPC (main registerIpc + preload, electron module faked)', async () => {
  const core = await createTestCore();
  const { registerIpc } = await import('../../electron/main/registerIpc');
  const { PRELOAD_GLOBAL } = await import('../../shared/api/ipcChannels');
  const { createKeysHandler } = await import('../../electron/main/createKeysHandler');
  // Main relays to the core worker's transport; here the same contract in this thread ('ipc' named),
  // with keys.* answered by main over an in-memory store (safeStorage is Electron's).
  const stored = new Map<string, string>();
  const keys = createKeysHandler(
    {
      available: () => ({ ok: true }),
      get: (name) => stored.get(name),
      set: (name, value) => void stored.set(name, value),
      delete: (name) => void stored.delete(name),
      names: () => [...stored.keys()].sort(),
      all: () => Object.fromEntries(stored),
    },
    () => undefined,
  );
  const dispose = registerIpc({ core: core.api.transport('ipc'), keys });
  await import('../../electron/preload/preload');
  return {
    transport: ipc.exposed[PRELOAD_GLOBAL] as ApiTransport,
    transportName: 'ipc',
    seededRunId: core.seededRunId,
    startConfig: core.startConfig,
    testEndpoint: core.testEndpoint,
    ready: async () => undefined,
    close: async () => {
      dispose();
      await core.close();
    },
  };
});
