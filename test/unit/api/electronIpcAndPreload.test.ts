import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Electron main and preload with the `electron` module replaced by fakes (no binary here, and a
 * real require('electron') would try to download one). What is tested is OUR logic: sender
 * checks, payload validation, the preload's surface, and that keys never hit the disk in clear.
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
const { hardenContents } = await import('../../../electron/main/hardenContents');
const { createSafeKeyStore } = await import('../../../electron/main/safeKeyStore');
const { IPC_INVOKE_CHANNEL, IPC_PUSH_CHANNEL } = await import('../../../shared/api/ipcChannels');

describe('Electron IPC handler', () => {
  let push: (events: readonly unknown[]) => void = () => undefined;
  const dispatched: Array<[string, unknown]> = [];
  beforeEach(() => {
    fake.handlers.clear();
    fake.sent.length = 0;
    dispatched.length = 0;
    fake.windowContents.url = 'app://remo/index.html';
    registerIpc({
      dispatch: async (method, args) => {
        dispatched.push([method, args]);
        return { ok: true, value: 'done' };
      },
      subscribe: (listener) => {
        push = listener as typeof push;
        return () => undefined;
      },
    });
  });
  const invoke = (event: unknown, method: unknown, args: unknown) => fake.handlers.get(IPC_INVOKE_CHANNEL)!(event, method, args);
  const topFrame = (url: string) => ({ sender: fake.windowContents, senderFrame: { url, parent: null } });

  it('dispatches calls from the app page', async () => {
    expect(await invoke(topFrame('app://remo/index.html'), 'runs.list', {})).toEqual({ ok: true, value: 'done' });
    expect(dispatched).toEqual([['runs.list', {}]]);
  });

  it('refuses other pages, subframes, foreign windows and missing frames without dispatching', async () => {
    const cases = [
      topFrame('https://evil.example/'),
      topFrame('file:///tmp/x.html'),
      { sender: fake.windowContents, senderFrame: { url: 'app://remo/index.html', parent: {} } },
      { sender: {}, senderFrame: { url: 'app://remo/index.html', parent: null } },
      { sender: fake.windowContents, senderFrame: null },
    ];
    for (const event of cases) {
      expect(await invoke(event, 'runs.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(dispatched).toEqual([]);
  });

  it('refuses a non-string method name', async () => {
    expect(await invoke(topFrame('app://remo/index.html'), { toString: () => 'runs.list' }, {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('pushes committed events only to windows that show the app page', () => {
    push([{ globalPosition: 1, streamId: 'r1', type: 'RunStarted' }]);
    expect(fake.sent).toEqual([{ channel: IPC_PUSH_CHANNEL, message: { event: 'runs.appended', payload: [{ runId: 'r1', firstPosition: 1, lastPosition: 1, count: 1, types: ['RunStarted'] }] } }]);
    fake.windowContents.url = 'https://evil.example/';
    push([{ globalPosition: 2, streamId: 'r1', type: 'StepCompleted' }]);
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

describe('safeStorage key store', () => {
  it('round-trips keys and never writes them in clear text', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'remo-keys-')), 'api-keys.json');
    const keys = createSafeKeyStore(file);
    keys.set('dashscope', 'sk-secret-123');
    expect(keys.get('dashscope')).toBe('sk-secret-123');
    expect(readFileSync(file, 'utf8')).not.toContain('sk-secret-123');
    expect(keys.names()).toEqual(['dashscope']);
    keys.delete('dashscope');
    expect(keys.get('dashscope')).toBeUndefined();
  });

  it('refuses to store keys on Linux without a keyring (basic_text is not encryption)', () => {
    if (process.platform !== 'linux') {
      console.log('[keys] the basic_text fallback exists only on Linux: case not applicable here');
      return;
    }
    fake.state.backend = 'basic_text';
    try {
      const keys = createSafeKeyStore(path.join(mkdtempSync(path.join(tmpdir(), 'remo-keys-')), 'api-keys.json'));
      expect(keys.available()).toMatchObject({ ok: false });
      expect(() => keys.set('x', 'y')).toThrow(/keyring/);
    } finally {
      fake.state.backend = 'gnome_libsecret';
    }
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
