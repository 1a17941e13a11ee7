/**
 * Electron main: a thin relay (Actual Budget's shape). The core (SQLite, engine, folds) runs in a
 * worker thread, so nothing it does can stall the window; main serves the renderer on app://remo,
 * hardens every web contents, keeps the API keys (OS-encrypted) and relays the API over one IPC
 * channel. All domain logic lives in electron/core; nothing here decides anything about runs.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, screen } from 'electron';
import { defaultVecExtensionPath } from '../core/store/openDatabase';
import { startCorePool, type CoreWorker } from '../core/worker';
import { APP_ENTRY_URL } from './appOrigin';
import { appMenuTemplate } from './appMenuTemplate';
import { asarUnpackedPath } from './asarUnpackedPath';
import { createAppMenuActions } from './createAppMenuActions';
import { createKeysHandler } from './createKeysHandler';
import { hardenContents } from './hardenContents';
import { declareAppScheme, serveAppProtocol } from './registerAppProtocol';
import { registerIpc } from './registerIpc';
import { createSafeKeyStore } from './safeKeyStore';
import { createWindowBoundsStore } from './windowBoundsStore';

/** The bundled worker (vite.node.config.ts --mode worker), next to dist/main. */
const WORKER_ENTRY = path.join(__dirname, '../worker/coreWorker.cjs');
/**
 * Quitting waits for runs to pause at their next safe point (calls in flight finish first). Past
 * this, the app exits anyway: the run then shows as interrupted, which resumes just the same.
 */
const QUIT_GRACE_MS = 30_000;

// The sandbox for every renderer, before anything else (contextIsolation and nodeIntegration are
// set per window below as well, so no single switch is load-bearing).
app.enableSandbox();
declareAppScheme();

let worker: CoreWorker | undefined;
let disposeIpc: (() => void) | undefined;
let mainWindow: BrowserWindow | undefined;
let windowBounds: ReturnType<typeof createWindowBoundsStore> | undefined;
let quitState: 'running' | 'closing' | 'closed' = 'running';

function createMainWindow(): BrowserWindow {
  const saved = windowBounds?.load(screen.getAllDisplays().map((display) => display.workArea));
  const win = new BrowserWindow({
    width: saved?.width ?? 1400,
    height: saved?.height ?? 900,
    ...(saved ? { x: saved.x, y: saved.y } : {}),
    minWidth: 640,
    minHeight: 400,
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
  win.once('ready-to-show', () => {
    if (saved?.maximized) win.maximize();
    win.show();
  });
  // Normal (unmaximised) bounds, so a maximised window still restores to its last size.
  win.on('close', () => windowBounds?.save({ ...win.getNormalBounds(), maximized: win.isMaximized() }));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** A second launch lands here (single-instance lock): bring the existing window forward. */
function focusMainWindow(): void {
  if (quitState !== 'running' || !worker) return;
  if (!mainWindow) mainWindow = createMainWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  hardenContents();
  serveAppProtocol(path.join(__dirname, '../renderer'));
  const userData = app.getPath('userData');
  const keys = createSafeKeyStore(path.join(userData, 'api-keys.json'));
  windowBounds = createWindowBoundsStore(path.join(userData, 'window-state.json'));
  const core = await startCorePool(
    {
      dbPath: process.env.REMO_DB?.trim() || path.join(userData, 'remo.db'),
      version: app.getVersion(),
      // From the bundle (dist/worker) and inside app.asar the core cannot find resources/ from its
      // own location, so point it at the shipped folder (electron-builder.yml: resources/**).
      resourcesDir: path.join(app.getAppPath(), 'resources'),
      // In a packaged app the extension sits in app.asar.unpacked (see electron-builder.yml).
      vecExtensionPath: asarUnpackedPath(defaultVecExtensionPath()),
      // Decrypted here, held in the worker's memory only; never logged, never in the database.
      keys: keys.all(),
    },
    WORKER_ENTRY,
  );
  worker = core;
  disposeIpc = registerIpc({ core: core.transport('ipc'), keys: createKeysHandler(keys, (all) => core.setKeys(all)) });
  const actions = createAppMenuActions({ dbPath: core.dbPath, window: () => mainWindow });
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(actions, process.platform)));
  mainWindow = createMainWindow();
}

// A separate profile (keys, window state, single-instance lock) when asked: end-to-end tests, or a
// second app on one account. Must precede the lock, which is taken per user data folder.
if (process.env.REMO_USER_DATA?.trim()) app.setPath('userData', path.resolve(process.env.REMO_USER_DATA.trim()));

// One app per user data folder: two would fight over the database's run leases and the key file.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (worker && quitState === 'running' && BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });

  app.on('before-quit', (event) => {
    if (quitState === 'closed' || !worker) return;
    // Every quit is held until the core has closed (a second Ctrl+Q included), so a run is
    // paused at a safe point and the database closed cleanly; the next start offers to resume.
    event.preventDefault();
    if (quitState === 'closing') return;
    quitState = 'closing';
    for (const win of BrowserWindow.getAllWindows()) win.hide();
    disposeIpc?.();
    const grace = new Promise<void>((resolve) => setTimeout(resolve, QUIT_GRACE_MS).unref());
    void Promise.race([worker.close(), grace]).finally(() => {
      quitState = 'closed';
      app.quit();
    });
  });

  // catch, not then's second argument: a failing start() (a damaged or newer database) must reach the dialog too.
  app.whenReady().then(start).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error('REMO Studio failed to start:', message);
    dialog.showErrorBox('REMO Studio could not start', message);
    app.exit(1);
  });
}
