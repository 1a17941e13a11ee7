import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/**
 * The Electron app end to end. Needs the Electron binary, which electron >= 42 downloads on first
 * use and which cannot be fetched on the team's offline machines. node_modules/electron/path.txt
 * names it once present; never require('electron') here (that starts the download).
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

test.describe('REMO Studio as an Electron app', () => {
  test.skip(!binary, SKIP_REASON);

  test('starts sandboxed, exposes exactly invoke and subscribe, and lists runs over IPC', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: ['.', '--no-sandbox'],
      env: { ...process.env, REMO_DB: path.resolve('test-results/electron-e2e.db') },
    });
    try {
      const window = await app.firstWindow();
      await window.waitForFunction(() => document.documentElement.dataset.remoReady !== undefined);
      expect(window.url()).toBe('app://remo/index.html');
      const bridge = await window.evaluate(() => Object.keys((window as unknown as { remo: object }).remo).sort());
      expect(bridge).toEqual(['invoke', 'subscribe']);
      const hasNode = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require !== 'undefined' || typeof (globalThis as { process?: unknown }).process !== 'undefined');
      expect(hasNode).toBe(false);
      const info = await window.evaluate(() => (window as unknown as { remo: { invoke(m: string, a: unknown): Promise<unknown> } }).remo.invoke('app.info', {}));
      expect(info).toMatchObject({ ok: true, value: { transport: 'ipc' } });
      const bad = await window.evaluate(() => (window as unknown as { remo: { invoke(m: string, a: unknown): Promise<unknown> } }).remo.invoke('runs.summary', { runId: 7 }));
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      await window.screenshot({ path: 'reports/screenshots/electron-app.png' });
    } finally {
      await app.close();
    }
  });
});
