import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { RunSummary } from '../../shared/api/runViews';
import type { ApiResult } from '../../shared/api/result';
import { buildDemoConfig } from '../../electron/core/composition/demoConfig';
import { startSimulator } from '../../electron/core/llm/simulator/startSimulator';
import type { RunningSimulator } from '../../electron/core/llm/simulator/simulatorOptions';

/**
 * The Electron app end to end: launch, a run against the simulator, quit mid-run, restart, resume.
 * Needs the Electron binary, which electron >= 42 downloads on first use and which cannot be
 * fetched on the team's offline machines. node_modules/electron/path.txt names it once present;
 * never require('electron') here (that starts the download). test/integration/desktop covers main's
 * relay over the bundled worker without Electron.
 */
function electronBinary(): string | null {
  const pathFile = path.resolve('node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.resolve('node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const SKIP_REASON = 'no Electron binary (node_modules/electron/path.txt absent or names a missing file): run `npx install-electron` on a machine with internet';
if (!binary) console.log(`[e2e] skipping the Electron app tests: ${SKIP_REASON}`);

type Remo = { remo: { invoke(method: string, args: unknown): Promise<ApiResult<unknown>> } };

/** One call over the preload bridge, as the renderer makes it. */
async function invoke<T>(window: Page, method: string, args: unknown): Promise<ApiResult<T>> {
  return (await window.evaluate(([m, a]) => (window as unknown as Remo).remo.invoke(m as string, a), [method, args] as const)) as ApiResult<T>;
}

async function summaryOf(window: Page, runId: string): Promise<RunSummary> {
  const result = await invoke<RunSummary>(window, 'runs.summary', { runId });
  if (!result.ok) throw new Error(`runs.summary: ${result.error.message}`);
  return result.value;
}

// Serial: the tests share one profile and database, and each relaunches the app on them.
test.describe.serial('REMO Studio as an Electron app', () => {
  test.skip(!binary, SKIP_REASON);

  let dir = '';
  let simulator: RunningSimulator | undefined;
  let runId = '';
  const env = () => ({ ...process.env, REMO_DB: path.join(dir, 'remo.db'), REMO_USER_DATA: path.join(dir, 'user-data') });

  async function launch(): Promise<{ app: ElectronApplication; window: Page }> {
    const app = await electron.launch({ executablePath: binary!, args: ['.', '--no-sandbox'], env: env() });
    const window = await app.firstWindow();
    // Set once the first runs list and app info have loaded (renderer/appEvents.ts).
    await window.waitForFunction(() => document.documentElement.dataset.remoReady !== undefined);
    return { app, window };
  }

  test.beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'remo-electron-e2e-'));
    // Slow enough that a run is still going when the test quits the app.
    simulator = await startSimulator({ seed: 0, latencyMs: 100 });
  });
  test.afterAll(async () => {
    await simulator?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('starts sandboxed, exposes exactly invoke and subscribe, and answers over IPC', async () => {
    const { app, window } = await launch();
    try {
      expect(window.url()).toBe('app://remo/index.html');
      const bridge = await window.evaluate(() => Object.keys((window as unknown as { remo: object }).remo).sort());
      expect(bridge).toEqual(['invoke', 'subscribe']);
      const hasNode = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require !== 'undefined' || typeof (globalThis as { process?: unknown }).process !== 'undefined');
      expect(hasNode).toBe(false);
      expect(await invoke(window, 'app.info', {})).toMatchObject({ ok: true, value: { transport: 'ipc', dbPath: path.join(dir, 'remo.db') } });
      expect(await invoke(window, 'runs.summary', { runId: 7 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      // keys.* never reach the core: main answers them, and never with a key.
      const status = await invoke<{ available: boolean; stored: string[] }>(window, 'keys.status', {});
      expect(status.ok).toBe(true);
      expect(await invoke(window, 'keys.set', { endpoint: 'default', key: 'has a space' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      await window.screenshot({ path: 'reports/screenshots/electron-app.png' });
    } finally {
      await app.close();
    }
  });

  test('Settings lists endpoints and keeps a key write-only (or says why this machine cannot)', async () => {
    const { app, window } = await launch();
    try {
      await window.getByTestId('settings-open').click();
      const dialog = window.getByTestId('settings-dialog');
      await expect(dialog.getByTestId('keys-list')).toBeVisible();
      const row = dialog.locator('[data-testid="key-row"][data-endpoint="default"]');
      await expect(row).toBeVisible();
      if (await dialog.getByTestId('keys-no-store').isVisible()) {
        console.log('[e2e] no OS keyring here (safeStorage basic_text or unavailable): the dialog says so; storing is not tested');
        await expect(row.getByTestId('key-input')).toBeDisabled();
        return;
      }
      const secret = 'sk-e2e-write-only-123';
      await row.getByTestId('key-input').fill(secret);
      await row.getByTestId('key-save').click();
      await expect(row.getByTestId('key-state')).toHaveText('stored');
      await expect(row.getByTestId('key-input')).toHaveValue('');
      expect(await window.content()).not.toContain(secret);
      await window.screenshot({ path: 'reports/screenshots/electron-settings.png' });
      await row.getByTestId('key-delete').click();
      await expect(row.getByTestId('key-state')).toHaveText('not set');
    } finally {
      await app.close();
    }
  });

  test('a second launch hands over to the running app and exits', async () => {
    const { app, window } = await launch();
    try {
      const second = spawnSync(binary!, ['.', '--no-sandbox'], { env: env(), timeout: 30_000 });
      expect(second.status).toBe(0);
      expect(app.windows()).toHaveLength(1);
      expect(window.isClosed()).toBe(false);
    } finally {
      await app.close();
    }
  });

  test('runs against the simulator, and quitting mid-run pauses the run', async () => {
    test.setTimeout(120_000);
    const { app, window } = await launch();
    try {
      const config = { ...buildDemoConfig({ method: 'remo', size: 'default', seed: 0, simulatorUrl: simulator!.url }), name: 'electron e2e', epochs: 2 };
      const started = await invoke<{ runId: string }>(window, 'runs.start', { config });
      expect(started.ok).toBe(true);
      if (!started.ok) return;
      runId = started.value.runId;
      // Pushed events bring the run into the list without a reload.
      await expect(window.locator(`[data-run-id="${runId}"]`)).toBeVisible();
      // Calls made: the run is under way (the seed evaluation alone takes a few simulator rounds).
      await expect.poll(async () => (await summaryOf(window, runId)).usage.calls, { timeout: 60_000 }).toBeGreaterThan(0);
      expect((await summaryOf(window, runId)).status).toBe('running');
    } finally {
      // app.quit(): before-quit holds it until the core worker has paused the run and closed the database.
      await app.close();
    }
  });

  test('the next start offers to resume the paused run, and Resume finishes it', async () => {
    test.skip(!runId, 'the previous test started no run');
    test.setTimeout(180_000);
    const { app, window } = await launch();
    try {
      expect((await summaryOf(window, runId)).status).toBe('paused');
      const offer = window.getByTestId('resume-banner').locator(`[data-resume-run-id="${runId}"]`);
      await expect(offer).toBeVisible();
      await window.screenshot({ path: 'reports/screenshots/electron-resume-banner.png' });
      await offer.getByTestId('resume-run').click();
      await expect(window.getByTestId('resume-banner')).toHaveCount(0);
      await expect.poll(async () => (await summaryOf(window, runId)).status, { timeout: 120_000 }).toBe('completed');
    } finally {
      await app.close();
    }
  });
});
