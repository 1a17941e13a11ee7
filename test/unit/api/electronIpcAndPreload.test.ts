import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../../shared/api/contract';

/**
 * Electron main and preload with the `electron` module replaced by fakes (no binary here, and a
 * real require('electron') would try to download one). What is tested is OUR logic: sender
 * checks, the relay to the core worker, keys.* answered (and validated) in main, the preload's
 * surface. The key store's own tests are in safeKeyStore.test.ts.
 */
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const sent: Array<{ channel: string; message: unknown }> = [];
  const exposed: Record<string, unknown> = {};
  const rendererListeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const windowContents = {
    url: 'app://remo/index.html',
    isDestroyed: () => false,
    getURL: () => windowContents.url,
    send: (channel: string, message: unknown) => sent.push({ channel, message }),
  };
  const state = { backend: 'gnome_libsecret', encryptionAvailable: true };
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const opened: string[] = [];
  const permission: { request?: (c: unknown, p: string, cb: (ok: boolean) => void) => void; check?: () => boolean } = {};
  return { handlers, sent, exposed, rendererListeners, windowContents, state, appListeners, opened, permission };
});

vi.mock('electron', () => ({
  app: { on: (name: string, listener: (...args: unknown[]) => void) => fake.appListeners.set(name, listener) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: typeof fake.permission.request) => (fake.permission.request = handler),
      setPermissionCheckHandler: (handler: typeof fake.permission.check) => (fake.permission.check = handler),
      setDevicePermissionHandler: () => undefined,
    },
  },
  shell: { openExternal: (url: string) => fake.opened.push(url) },
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => fake.handlers.set(channel, handler),
    removeHandler: (channel: string) => fake.handlers.delete(channel),
  },
  BrowserWindow: {
    getAllWindows: () => [{ webContents: fake.windowContents }],
    fromWebContents: (contents: unknown) => (contents === fake.windowContents ? { webContents: contents } : null),
  },
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (fake.exposed[name] = api) },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => Promise.resolve({ channel, args }),
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      if (!fake.rendererListeners.has(channel)) fake.rendererListeners.set(channel, new Set());
      fake.rendererListeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => fake.rendererListeners.get(channel)?.delete(listener),
  },
  safeStorage: {
    isEncryptionAvailable: () => fake.state.encryptionAvailable,
    getSelectedStorageBackend: () => fake.state.backend,
    // Reversible but not the identity: the test checks the clear text never reaches the file.
    encryptString: (text: string) => Buffer.from(`enc:${Buffer.from(text).toString('base64').split('').reverse().join('')}`),
    decryptString: (blob: Buffer) => Buffer.from(blob.toString().slice(4).split('').reverse().join(''), 'base64').toString(),
  },
}));

const { registerIpc } = await import('../../../electron/main/registerIpc');
const { createKeysHandler } = await import('../../../electron/main/createKeysHandler');
const { hardenContents } = await import('../../../electron/main/hardenContents');
const { createSafeKeyStore } = await import('../../../electron/main/safeKeyStore');
const { IPC_INVOKE_CHANNEL, IPC_PUSH_CHANNEL } = await import('../../../shared/api/ipcChannels');

describe('Electron IPC relay', () => {
  let push: (message: ServerMessage) => void = () => undefined;
  const relayed: Array<[string, unknown]> = [];
  const keyChanges: Array<Record<string, string>> = [];
  let keyFile = '';
  beforeEach(() => {
    fake.handlers.clear();
    fake.sent.length = 0;
    relayed.length = 0;
    keyChanges.length = 0;
    fake.windowContents.url = 'app://remo/index.html';
    keyFile = path.join(mkdtempSync(path.join(tmpdir(), 'remo-keys-')), 'api-keys.json');
    registerIpc({
      core: {
        invoke: async (method, args) => {
          relayed.push([method, args]);
          return { ok: true, value: 'done' };
        },
        subscribe: (listener) => {
          push = listener;
          return () => undefined;
        },
      },
      keys: createKeysHandler(createSafeKeyStore(keyFile), (keys) => keyChanges.push(keys)),
    });
  });
  const invoke = (event: unknown, method: unknown, args: unknown) => fake.handlers.get(IPC_INVOKE_CHANNEL)!(event, method, args);
  const appFrame = () => ({ sender: fake.windowContents, senderFrame: { url: 'app://remo/index.html', parent: null } });
  const topFrame = (url: string) => ({ sender: fake.windowContents, senderFrame: { url, parent: null } });

  it('relays calls from the app page to the core worker, arguments untouched', async () => {
    expect(await invoke(appFrame(), 'runs.list', {})).toEqual({ ok: true, value: 'done' });
    expect(await invoke(appFrame(), 'runs.summary', { runId: 7 })).toEqual({ ok: true, value: 'done' });
    expect(relayed).toEqual([['runs.list', {}], ['runs.summary', { runId: 7 }]]);
  });

  it('refuses other pages, subframes, foreign windows and missing frames without relaying (keys.* included)', async () => {
    const cases = [
      topFrame('https://evil.example/'),
      topFrame('file:///tmp/x.html'),
      { sender: fake.windowContents, senderFrame: { url: 'app://remo/index.html', parent: {} } },
      { sender: {}, senderFrame: { url: 'app://remo/index.html', parent: null } },
      { sender: fake.windowContents, senderFrame: null },
    ];
    for (const event of cases) {
      expect(await invoke(event, 'runs.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await invoke(event, 'keys.set', { endpoint: 'default', key: 'sk-abc' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await invoke(event, 'keys.status', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(relayed).toEqual([]);
    expect(keyChanges).toEqual([]);
    expect(existsSync(keyFile)).toBe(false);
  });

  it('refuses a non-string method name', async () => {
    expect(await invoke(appFrame(), { toString: () => 'runs.list' }, {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(relayed).toEqual([]);
  });

  it('answers keys.* in main, never relaying them, and sends the worker the new key map after each change', async () => {
    expect(await invoke(appFrame(), 'keys.status', {})).toEqual({ ok: true, value: { available: true, stored: [] } });
    expect(await invoke(appFrame(), 'keys.set', { endpoint: 'dashscope', key: 'sk-secret-123' })).toEqual({ ok: true, value: { endpoint: 'dashscope', stored: true } });
    expect(keyChanges).toEqual([{ dashscope: 'sk-secret-123' }]);
    const status = await invoke(appFrame(), 'keys.status', undefined);
    expect(status).toEqual({ ok: true, value: { available: true, stored: ['dashscope'] } });
    // Write-only: nothing the renderer can call returns the key.
    expect(JSON.stringify(status)).not.toContain('sk-secret-123');
    expect(await invoke(appFrame(), 'keys.set', { endpoint: 'dashscope', key: 'sk-replaced' })).toMatchObject({ ok: true });
    expect(keyChanges.at(-1)).toEqual({ dashscope: 'sk-replaced' });
    expect(await invoke(appFrame(), 'keys.delete', { endpoint: 'dashscope' })).toEqual({ ok: true, value: { endpoint: 'dashscope', deleted: true } });
    expect(await invoke(appFrame(), 'keys.delete', { endpoint: 'dashscope' })).toEqual({ ok: true, value: { endpoint: 'dashscope', deleted: false } });
    expect(keyChanges.at(-1)).toEqual({});
    expect(await invoke(appFrame(), 'keys.get', { endpoint: 'dashscope' })).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(relayed).toEqual([]);
  });

  it('validates keys.* arguments with the contract schema: bad payloads are bad-request, nothing stored, the key never echoed', async () => {
    const bad: unknown[] = [
      { endpoint: 'default' },
      { endpoint: '', key: 'sk-abc' },
      { endpoint: 'default', key: '' },
      { endpoint: 'default', key: 'sk with spaces' },
      { endpoint: 'default', key: 'sk-abc\n' },
      { endpoint: 'default', key: 'x'.repeat(5000) },
      { endpoint: 'e'.repeat(300), key: 'sk-abc' },
      { endpoint: 'default', key: 'sk-abc', extra: true },
      { endpoint: 42, key: 'sk-abc' },
      'sk-abc',
      [],
    ];
    for (const args of bad) {
      const result = (await invoke(appFrame(), 'keys.set', args)) as { ok: boolean; error?: { code: string; message: string } };
      expect(result, JSON.stringify(args).slice(0, 60)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(JSON.stringify(result)).not.toContain('sk with spaces');
    }
    expect(await invoke(appFrame(), 'keys.delete', { endpoint: 7 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await invoke(appFrame(), 'keys.status', { sneaky: true })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(keyChanges).toEqual([]);
    expect(existsSync(keyFile)).toBe(false);
    expect(relayed).toEqual([]);
  });

  it('says why keys cannot be stored without a keyring, and stores nothing', async () => {
    fake.state.encryptionAvailable = false;
    try {
      expect(await invoke(appFrame(), 'keys.status', {})).toMatchObject({ ok: true, value: { available: false, reason: expect.stringMatching(/safeStorage/) } });
      expect(await invoke(appFrame(), 'keys.set', { endpoint: 'default', key: 'sk-abc' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(keyChanges).toEqual([]);
    } finally {
      fake.state.encryptionAvailable = true;
    }
  });

  it('pushes the core worker messages only to windows that show the app page', () => {
    const message: ServerMessage = { event: 'runs.appended', payload: [{ runId: 'r1', firstPosition: 1, lastPosition: 1, count: 1, types: ['RunStarted'] }] };
    push(message);
    expect(fake.sent).toEqual([{ channel: IPC_PUSH_CHANNEL, message }]);
    fake.windowContents.url = 'https://evil.example/';
    push(message);
    expect(fake.sent).toHaveLength(1);
  });
});

describe('preload', () => {
  it('exposes exactly invoke and subscribe, and relays pushes without the IPC event', async () => {
    await import('../../../electron/preload/preload');
    const api = fake.exposed.remo as { invoke(m: string, a: unknown): Promise<unknown>; subscribe(l: (m: unknown) => void): () => void };
    expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe']);
    expect(await api.invoke('runs.list', {})).toEqual({ channel: IPC_INVOKE_CHANNEL, args: ['runs.list', {}] });
    const received: unknown[] = [];
    const off = api.subscribe((message) => received.push(message));
    for (const listener of fake.rendererListeners.get(IPC_PUSH_CHANNEL) ?? []) listener({ sender: 'ipcRenderer-handle' }, { event: 'runs.appended', payload: [] });
    expect(received).toEqual([{ event: 'runs.appended', payload: [] }]);
    off();
    expect(fake.rendererListeners.get(IPC_PUSH_CHANNEL)?.size).toBe(0);
  });
});

describe('web contents hardening', () => {
  it('denies permissions, navigation away, new windows and webviews; opens only safe links outside', () => {
    hardenContents();
    const decisions: boolean[] = [];
    fake.permission.request!({}, 'media', (ok) => decisions.push(ok));
    expect(decisions).toEqual([false]);
    expect(fake.permission.check!()).toBe(false);

    const events = new Map<string, (...args: unknown[]) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, listener: (...args: unknown[]) => void) => events.set(name, listener),
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    };
    fake.appListeners.get('web-contents-created')!({}, contents);
    const navigate = (url: string) => {
      let prevented = false;
      events.get('will-navigate')!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('app://remo/index.html')).toBe(false);
    expect(navigate('https://arxiv.org/abs/2508.18749')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'https://github.com/' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://arxiv.org/abs/2508.18749', 'https://github.com/']);
    let webviewPrevented = false;
    events.get('will-attach-webview')!({ preventDefault: () => (webviewPrevented = true) });
    expect(webviewPrevented).toBe(true);
  });
});
