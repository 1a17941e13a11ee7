import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createCore } from '../../electron/core/composition/createCore';
import { buildDemoConfig } from '../../electron/core/composition/demoConfig';
import { startSimulator } from '../../electron/core/llm/simulator/startSimulator';
import { startCorePool, type CoreWorker } from '../../electron/core/worker';
import { startWebHost, type WebHost } from '../../electron/host';
import { openApp, SHOTS } from './support/stackFixture';

/**
 * The datasets page, the maintenance page and run export, against the app as `remo web` serves it:
 * the core in its worker threads (one writer, two readers) behind the web host. Expected values
 * come from the API and the CLI, never from the page.
 */
interface Served {
  host: WebHost;
  dbPath: string;
  runId: string;
  call(method: string, args: unknown): Promise<{ ok: boolean; value?: unknown }>;
}

const test = base.extend<object, { served: Served }>({
  served: [
    async ({}, use) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'remo-e2e-library-'));
      const dbPath = path.join(dir, 'library.db');
      const simulator = await startSimulator({ seed: 0, latencyMs: 0 });
      const seeding = await createCore({ dbPath });
      const { runId } = await seeding.runs.start({ ...buildDemoConfig({ method: 'remo', size: 'tiny', seed: 0, simulatorUrl: simulator.url }), name: 'library e2e' });
      await seeding.runs.waitForRun(runId);
      await seeding.close();
      const pool: CoreWorker = await startCorePool({ dbPath, version: '0.0.0-e2e' });
      const host = await startWebHost({
        api: { invokeJson: (method, body) => pool.invokeJson('web', method, body), subscribe: (listener) => pool.subscribe(listener) },
        staticDir: path.resolve('dist/renderer'),
      });
      const call = async (method: string, args: unknown) => {
        const response = await fetch(`${host.origin}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Remo-Token': host.token },
          body: JSON.stringify(args),
        });
        return (await response.json()) as { ok: boolean; value?: unknown };
      };
      await use({ host, dbPath, runId, call });
      await host.close();
      await pool.close();
      await simulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});
test.describe.configure({ mode: 'serial' });

async function shoot(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: `${SHOTS}/${name}-${theme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const CSV = ['uid,problem,solution', 'a1,"Tom has 3 apples and buys 4 more. How many apples?","3 + 4 = 7\n#### 7"', 'a2,"A box holds 12 eggs. How many eggs in 2 boxes?","12 * 2 = 24\n#### 24"', 'a3,"Half of 18?","18 / 2 = 9\n#### 9"', ''].join('\n');

test('datasets: a CSV is previewed with its detected mapping, imported, and listed as the core lists it', async ({ page, served }) => {
  await openApp(page, { host: served.host });
  await page.getByTestId('page-datasets').click();
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  await page.getByTestId('dataset-file').setInputFiles({ name: 'tiny-math.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await expect(page.getByTestId('dataset-summary')).toContainText('3 items would be stored');
  await expect(page.getByTestId('dataset-format')).toHaveValue('csv');
  await expect(page.getByTestId('dataset-question-field')).toHaveValue('problem');
  await expect(page.getByTestId('dataset-answer-field')).toHaveValue('solution');
  await expect(page.getByTestId('dataset-id-field')).toHaveValue('uid');
  await expect(page.getByTestId('dataset-gold')).toHaveValue('gsm8k');
  await expect(page.getByTestId('dataset-preview').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('dataset-preview').locator('tbody tr').first()).toContainText('7');
  // Reading the answer as it is changes the gold the preview shows, before anything is stored.
  await page.getByTestId('dataset-gold').selectOption('raw');
  await expect(page.getByTestId('dataset-preview').locator('tbody tr').first()).toContainText('#### 7');
  await page.getByTestId('dataset-gold').selectOption('gsm8k');
  await expect(page.getByTestId('dataset-preview').locator('tbody tr').first()).not.toContainText('####');
  await page.screenshot({ path: `${SHOTS}/datasets-preview.png`, fullPage: true });
  await page.getByTestId('dataset-import-submit').click();
  await expect(page.getByTestId('dataset-import-result')).toContainText('stored 3 items as “tiny-math”');
  const listed = await served.call('datasets.list', {});
  expect(listed.ok).toBe(true);
  const [stored] = listed.value as Array<{ name: string; itemCount: number; hash: string }>;
  expect(stored).toMatchObject({ name: 'tiny-math', itemCount: 3 });
  await expect(page.getByTestId('dataset-row').filter({ hasText: 'tiny-math' })).toContainText(stored!.hash.slice(0, 12));
  await shoot(page, 'datasets');
});

test('datasets: a broken file shows every error with its line and cannot be imported', async ({ page, served }) => {
  await openApp(page, { host: served.host });
  await page.getByTestId('page-datasets').click();
  const broken = ['{"question": "ok?", "answer": "#### 1"}', '{"question": "no answer"}', 'not json', ''].join('\n');
  await page.getByTestId('dataset-file').setInputFiles({ name: 'broken.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(broken) });
  await expect(page.getByTestId('dataset-summary')).toContainText('nothing can be stored');
  await expect(page.getByTestId('dataset-errors')).toContainText('line 2');
  await expect(page.getByTestId('dataset-errors')).toContainText('line 3');
  await expect(page.getByTestId('dataset-import-submit')).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/datasets-errors.png`, fullPage: true });
});

test('maintenance: verify and rebuild report what the core and the CLI report', async ({ page, served }) => {
  await openApp(page, { host: served.host });
  await page.getByTestId('page-maintenance').click();
  await page.getByTestId('verify').click();
  const verified = (await served.call('store.verify', {})).value as { eventsChecked: number };
  await expect(page.getByTestId('verify-report')).toContainText('intact');
  await expect(page.getByTestId('verify-report')).toContainText(verified.eventsChecked.toLocaleString('en-US'));
  await page.getByTestId('rebuild').click();
  await page.getByTestId('rebuild-confirm').click();
  await expect(page.getByTestId('rebuild-report')).toBeVisible({ timeout: 60_000 });
  // The same log gives the same checksum: `remo rebuild` in another process must print it too.
  const cli = execFileSync(process.execPath, ['electron/cli/remo.mjs', 'rebuild', '--db', served.dbPath], { encoding: 'utf8' });
  const checksum = /checksum: ([0-9a-f]{64})/.exec(cli)![1]!;
  await expect(page.getByTestId('rebuild-report')).toContainText(checksum);
  await shoot(page, 'maintenance');
});

test('export from the run view downloads the file `remo export` writes; importing it again writes nothing', async ({ page, served }) => {
  await openApp(page, { host: served.host }, `#run=${served.runId}`);
  await expect(page.getByTestId('run-detail')).toHaveAttribute('data-run-id', served.runId);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-run').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`remo-run-${served.runId}.jsonl`);
  const saved = readFileSync((await download.path())!, 'utf8');
  const cli = execFileSync(process.execPath, ['electron/cli/remo.mjs', 'export', served.runId, '--db', served.dbPath], { encoding: 'utf8' });
  // The same file but for the header's export time.
  const withoutTime = (text: string) => text.replace(/"exportedAt":"[^"]*",/, '');
  expect(withoutTime(saved)).toBe(withoutTime(cli));
  expect(saved.split('\n').filter(Boolean)).toHaveLength(cli.split('\n').filter(Boolean).length);
  await page.getByTestId('page-maintenance').click();
  await page.getByTestId('run-import-file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/x-ndjson', buffer: Buffer.from(saved) });
  await expect(page.getByTestId('run-import-result')).toContainText('nothing new');
  await page.getByTestId('run-import-open').click();
  await expect(page.getByTestId('run-detail')).toHaveAttribute('data-run-id', served.runId);
});
