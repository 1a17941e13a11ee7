/**
 * Electron main: a thin relay (Actual Budget's shape). It opens the core (plain Node), serves the
 * renderer on app://remo, hardens every web contents, and relays the API over one IPC channel.
 * All domain logic lives in electron/core; nothing here decides anything about runs.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { apiDepsFromCore, createApiService } from '../core/api';
import { createCore, type Core, type CoreOptions } from '../core/composition/createCore';
import { defaultVecExtensionPath } from '../core/store/openDatabase';
import { APP_ENTRY_URL } from './appOrigin';
import { asarUnpackedPath } from './asarUnpackedPath';
import { hardenContents } from './hardenContents';
import { declareAppScheme, serveAppProtocol } from './registerAppProtocol';
import { registerIpc } from './registerIpc';
import { createSafeKeyStore } from './safeKeyStore';

// The sandbox for every renderer, before anything else (contextIsolation and nodeIntegration are
// set per window below as well, so no single switch is load-bearing).
app.enableSandbox();
declareAppScheme();

let core: Core | undefined;
let disposeIpc: (() => void) | undefined;

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'REMO Studio',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

async function start(): Promise<void> {
  hardenContents();
  serveAppProtocol(path.join(__dirname, '../renderer'));
  const userData = app.getPath('userData');
  const keys = createSafeKeyStore(path.join(userData, 'api-keys.json'));
  const options: CoreOptions = {
    dbPath: process.env.REMO_DB?.trim() || path.join(userData, 'remo.db'),
    // From the bundle (dist/main) and inside app.asar core cannot find resources/ from its own
    // location, so point it at the shipped folder (electron-builder.yml: resources/**).
    resourcesDir: path.join(app.getAppPath(), 'resources'),
    // Keys by endpoint name, decrypted on demand; never logged, never written to the database.
    keyResolver: (endpoint) => keys.get(endpoint.name),
    // In a packaged app the extension sits in app.asar.unpacked (see electron-builder.yml).
    vecExtensionPath: asarUnpackedPath(defaultVecExtensionPath()),
  };
  core = await createCore(options);
  const api = createApiService(apiDepsFromCore(core, { version: app.getVersion(), keyResolver: options.keyResolver! }));
  disposeIpc = registerIpc({ dispatch: api.dispatcher('ipc'), subscribe: api.subscribe });
  createMainWindow();
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (core && BrowserWindow.getAllWindows().length === 0) createMainWindow();
});

let closing = false;
app.on('before-quit', (event) => {
  if (closing || !core) return;
  // Pause local runs at their next safe point and close the database before exiting.
  event.preventDefault();
  closing = true;
  disposeIpc?.();
  void core.close().finally(() => app.quit());
});

// catch, not then's second argument: a failing start() (a damaged or newer database) must reach the dialog too.
app.whenReady().then(start).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error('REMO Studio failed to start:', message);
  dialog.showErrorBox('REMO Studio could not start', message);
  app.exit(1);
});
