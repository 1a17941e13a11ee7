import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { openApp, shootBothThemes, test } from './support/stackFixture';

/**
 * Forking with new settings, comparing with intervals and paired tests, fixing a failed run and
 * the new-run form's checks, in a real browser against the real stack. Expected numbers come from
 * the CLI (`remo compare --json`) and the core, never from the page.
 */
test.describe.configure({ mode: 'serial' });

function remoJson(dbPath: string, args: string[]): unknown {
  const out = execFileSync(process.execPath, ['electron/cli/remo.mjs', ...args, '--json', '--db', dbPath], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

async function openRun(page: Page, runId: string): Promise<void> {
  await page.locator(`[data-run-id="${runId}"]`).getByRole('button', { name: /./ }).first().click();
  await expect(page.getByTestId('run-detail')).toHaveAttribute('data-run-id', runId);
}

let childId = '';

test('fork from epoch 1 into another method with one more epoch; the child finishes and the lineage shows', async ({ page, stack }) => {
  await openApp(page, stack);
  await openRun(page, stack.textgradRunId);
  await page.getByTestId('stop-1').click();
  await expect(page.getByTestId('fork')).toHaveText('Fork from epoch 1');
  await page.getByTestId('fork').click();
  const dialog = page.getByTestId('fork-dialog');
  await expect(dialog).toBeVisible();
  const epoch1 = stack.core.runs.stateAt(stack.textgradRunId, { epoch: 1 });
  await expect(dialog.getByTestId('fork-inherits')).toContainText(`(v${epoch1.prompt.version})`);
  await dialog.getByTestId('fork-method').selectOption('remo');
  await dialog.getByTestId('fork-epochs').fill('3');
  await dialog.getByTestId('fork-name').fill('textgrad into remo');
  await shootBothThemes(page, 'fork-dialog');
  await dialog.getByTestId('fork-start').click();
  const detail = page.getByTestId('run-detail');
  await expect(detail).not.toHaveAttribute('data-run-id', stack.textgradRunId);
  childId = (await detail.getAttribute('data-run-id'))!;
  const child = stack.core.runs.summary(childId);
  expect(child).toMatchObject({ parentRunId: stack.textgradRunId, method: 'remo', name: 'textgrad into remo', epochsPlanned: 3 });
  await expect(detail.getByTestId('status-badge')).toHaveText('completed', { timeout: 60_000 });
  await expect(page.getByTestId('parent-link')).toContainText(`forked from ${stack.textgradRunId}`);
  await expect(page.getByTestId('fork-origin-mark')).toBeVisible();
  // The parent lists its child, and its timeline marks the fork point.
  await page.getByTestId('parent-link').click();
  await expect(detail).toHaveAttribute('data-run-id', stack.textgradRunId);
  await expect(page.getByTestId('lineage').getByTestId('child-link')).toContainText(childId);
  await expect(page.locator(`[data-run-id="${childId}"]`).getByTestId('parent-cell')).toContainText(stack.textgradRunId);
});

test('compare parent and child: intervals and the McNemar p equal remo compare --json', async ({ page, stack }) => {
  expect(childId, 'the fork test ran first').not.toBe('');
  const report = remoJson(stack.core.dbPath, ['compare', stack.textgradRunId, childId]) as {
    runs: { runId: string; valCI: [number, number] | null; testCI: [number, number] | null }[];
    pairs: { a: string; b: string; wrongToRight: number; rightToWrong: number; mcnemarP: number }[];
  };
  await openApp(page, stack);
  await page.locator(`[data-run-id="${stack.textgradRunId}"]`).getByTestId('compare-tick').check();
  await page.locator(`[data-run-id="${childId}"]`).getByTestId('compare-tick').check();
  await page.getByTestId('compare-open').click();
  const view = page.getByTestId('compare-view');
  await expect(view).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-remo-compare-loaded', /"ok":true/);
  const interval = (ci: [number, number] | null) => (ci ? `[${(ci[0] * 100).toFixed(1)}, ${(ci[1] * 100).toFixed(1)}]` : '');
  for (const run of report.runs) {
    const row = view.locator(`[data-testid="compare-row"][data-run-id="${run.runId}"]`);
    if (run.valCI) await expect(row.getByTestId('compare-val')).toContainText(interval(run.valCI));
    if (run.testCI) await expect(row.getByTestId('compare-test')).toContainText(interval(run.testCI));
  }
  expect(report.pairs).toHaveLength(1);
  const pair = report.pairs[0]!;
  const card = view.getByTestId('pair');
  await expect(card.getByTestId('pair-w2r')).toContainText(`${pair.wrongToRight} wrong → right`);
  await expect(card.getByTestId('pair-r2w')).toContainText(`${pair.rightToWrong} right → wrong`);
  const shownP = (await card.getByTestId('pair-p').textContent())!.replace('p = ', '');
  expect(Number(shownP)).toBeCloseTo(pair.mcnemarP, 4);
  await expect(page).toHaveURL(new RegExp(`#compare=${stack.textgradRunId}%2C${childId}$`));
  await shootBothThemes(page, 'compare-view');
  if (pair.wrongToRight + pair.rightToWrong > 0) {
    await card.getByTestId('pair-toggle').click();
    await expect(card.getByTestId('flipped-item')).toHaveCount(pair.wrongToRight + pair.rightToWrong);
    await card.getByTestId('flipped-b').first().click();
    await expect(page.getByTestId('run-detail')).toHaveAttribute('data-run-id', childId);
    await expect(page.getByTestId('event-content')).toHaveAttribute('data-type', 'SolverAnswered');
  } else {
    console.log('[e2e] parent and child answered every shared test item alike: no flipped item to open');
  }
});

test('a run that failed for a wrong URL is fixed and resumed from the UI', async ({ page, stack }) => {
  // A port nobody listens on: the run fails at once with a message saying to fix it.
  const { runId } = await stack.core.runs.start({ ...stack.startConfig, name: 'wrong url', endpoints: [{ name: 'server', kind: 'vllm', baseURL: 'http://127.0.0.1:9/v1', model: 'remo-simulator', concurrency: 4, timeoutMs: 5000 }] });
  const failed = await stack.core.runs.waitForRun(runId);
  expect(failed.status).toBe('failed');
  await openApp(page, stack);
  await openRun(page, runId);
  await expect(page.getByTestId('resume')).toBeEnabled();
  await page.getByTestId('fix-endpoint').click();
  const dialog = page.getByTestId('fix-dialog');
  const simulatorUrl = (stack.startConfig.endpoints as { baseURL: string }[])[0]!.baseURL;
  await dialog.getByTestId('fix-baseURL').fill(simulatorUrl);
  await shootBothThemes(page, 'fix-endpoint-dialog');
  await dialog.getByTestId('fix-resume').click();
  await expect(page.getByTestId('run-detail').getByTestId('status-badge')).toHaveText('completed', { timeout: 60_000 });
  expect(stack.core.runs.summary(runId).status).toBe('completed');
  const types = stack.core.runs.events(runId, { limit: 100_000 }).map((e) => e.type);
  expect(types).toContain('RunReconfigured');
  expect(JSON.stringify(stack.core.runs.events(runId, { limit: 100_000 }))).not.toMatch(/apiKey"/);
});

test('each bad input of the new-run form shows its message and creates nothing', async ({ page, stack }) => {
  await openApp(page, stack);
  const before = stack.core.store.lastGlobalPosition();
  await page.getByTestId('new-run-toggle').click();
  const form = page.getByTestId('new-run-form');
  await form.getByTestId('form-kind').selectOption('vllm');
  const cases: { field: string; value: string; message: RegExp }[] = [
    { field: 'form-baseURL', value: 'ftp://example.org/v1', message: /http|https/i },
    { field: 'form-apiKeyEnv', value: 'lower-case bad name!', message: /environment variable/i },
    { field: 'form-epochs', value: '0', message: /epochs/i },
    { field: 'form-concurrency', value: '0', message: /concurrency|at least/i },
    { field: 'form-model', value: '', message: /model/i },
  ];
  for (const { field, value, message } of cases) {
    const input = form.getByTestId(field);
    const label = form.locator('label').filter({ has: page.getByTestId(field) });
    const previous = await input.inputValue();
    await input.fill(value);
    await expect(label.getByTestId('field-issue').first()).toHaveText(message);
    await expect(form.getByTestId('form-start')).toBeDisabled();
    await page.screenshot({ path: `reports/screenshots/new-run-invalid-${field.replace('form-', '')}.png` });
    await input.fill(previous);
    await expect(label.getByTestId('field-issue')).toHaveCount(0);
  }
  // A key variable that is well formed but not set where the core runs.
  await form.getByTestId('form-apiKeyEnv').fill('REMO_E2E_SURELY_UNSET_KEY');
  await expect(form.getByTestId('field-issue').first()).toContainText('REMO_E2E_SURELY_UNSET_KEY');
  await expect(form.getByTestId('form-start')).toBeDisabled();
  expect(stack.core.store.lastGlobalPosition()).toBe(before);
});

test('the runs list sorts, filters, searches, renames and archives', async ({ page, stack }) => {
  await openApp(page, stack);
  const table = page.getByTestId('runs-table');
  await page.getByTestId('runs-search').fill(stack.remoRunId);
  await expect(table.getByTestId('run-row')).toHaveCount(1);
  await page.getByTestId('runs-search').fill('');
  await page.getByTestId('runs-method-filter').selectOption('textgrad');
  await expect(table.getByTestId('run-row')).toHaveCount(stack.core.runs.list().filter((r) => r.method === 'textgrad').length);
  await page.getByTestId('runs-method-filter').selectOption('');
  await page.getByTestId('sort-name').click();
  const names = await table.locator('.run-name').allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  await shootBothThemes(page, 'runs-list-managed');

  const row = page.locator(`[data-run-id="${stack.remoRunId}"]`);
  await row.getByTestId('rename').click();
  await row.getByTestId('rename-input').fill('e2e remo renamed');
  await row.getByTestId('rename-input').press('Enter');
  await expect(row.locator('.run-name')).toHaveText('e2e remo renamed');
  expect(stack.core.runs.summary(stack.remoRunId).name).toBe('e2e remo renamed');
  await row.getByTestId('archive').click();
  await expect(page.locator(`[data-run-id="${stack.remoRunId}"]`)).toHaveCount(0);
  await page.getByTestId('runs-archived').check();
  await expect(page.locator(`[data-run-id="${stack.remoRunId}"]`)).toBeVisible();
  await page.locator(`[data-run-id="${stack.remoRunId}"]`).getByTestId('archive').click();
  await page.getByTestId('runs-archived').uncheck();
  await expect(page.locator(`[data-run-id="${stack.remoRunId}"]`)).toBeVisible();
  // Renaming back keeps the other files' expectations; the log keeps both names.
  await page.locator(`[data-run-id="${stack.remoRunId}"]`).getByTestId('rename').click();
  await page.locator(`[data-run-id="${stack.remoRunId}"]`).getByTestId('rename-input').fill('e2e remo');
  await page.locator(`[data-run-id="${stack.remoRunId}"]`).getByTestId('rename-input').press('Enter');
  await expect(page.locator(`[data-run-id="${stack.remoRunId}"]`).locator('.run-name')).toHaveText('e2e remo');
});
