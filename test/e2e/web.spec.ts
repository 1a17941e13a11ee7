import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from '@playwright/test';

import { openApp, shootBothThemes, SHOTS, test } from './support/stackFixture';

test.describe.configure({ mode: 'serial' });

test('the runs list shows the seeded runs, marked as simulated, with live updates on', async ({ page, stack, cspViolations }) => {
  await openApp(page, stack);
  const rows = page.getByTestId('run-row');
  // Other spec files of this worker may have added runs to the shared stack: check the seeded two.
  await expect(rows).not.toHaveCount(0);
  await expect(page.locator(`[data-run-id="${stack.remoRunId}"]`)).toContainText('e2e remo');
  await expect(page.locator(`[data-run-id="${stack.textgradRunId}"]`)).toContainText('textgrad');
  for (const runId of [stack.remoRunId, stack.textgradRunId]) {
    await expect(page.locator(`[data-run-id="${runId}"]`).getByTestId('simulator-badge')).toBeVisible();
    await expect(page.locator(`[data-run-id="${runId}"]`).getByTestId('status-badge')).toHaveText('completed');
  }
  await expect(page.getByTestId('live-state')).toHaveText('● live');
  await shootBothThemes(page, 'runs-list');
  expect(cspViolations).toEqual([]);
});

test('fork from the scrubbed epoch selects the new child run', async ({ page, stack }) => {
  await openApp(page, stack);
  await page.locator(`[data-run-id="${stack.remoRunId}"]`).click();
  await page.getByTestId('stop-1').click();
  await expect(page.getByTestId('fork')).toHaveText('Fork from epoch 1');
  await expect(page.getByTestId('fork')).toBeEnabled();
  await page.getByTestId('fork').click();
  // The dialog says what the child inherits; starting it with no change keeps the parent's settings.
  await page.getByTestId('fork-dialog').getByTestId('fork-start').click();
  const detail = page.getByTestId('run-detail');
  await expect(detail).not.toHaveAttribute('data-run-id', stack.remoRunId);
  await expect(detail).toContainText(`forked from ${stack.remoRunId}`);
  const childId = await detail.getAttribute('data-run-id');
  expect(childId).toBeTruthy();
  const child = stack.core.runs.summary(childId!);
  expect(child.parentRunId).toBe(stack.remoRunId);
  await stack.core.runs.waitForRun(childId!);
  await shootBothThemes(page, 'forked-run');
});

test('a run started elsewhere appears through pushed events, without a reload', async ({ page, stack }) => {
  await openApp(page, stack);
  const before = await page.getByTestId('run-row').count();
  const { runId } = await stack.core.runs.start(stack.startConfig);
  await expect(page.locator(`[data-run-id="${runId}"]`)).toBeVisible();
  await expect(page.getByTestId('run-row')).toHaveCount(before + 1);
  await stack.core.runs.waitForRun(runId);
  await expect(page.locator(`[data-run-id="${runId}"]`).getByTestId('status-badge')).toHaveText('completed');
});

test('pause, resume and stop a running run from the run detail', async ({ page, stack }) => {
  await openApp(page, stack);
  const { runId } = await stack.core.runs.start(stack.slowConfig);
  await page.locator(`[data-run-id="${runId}"]`).click();
  const status = page.getByTestId('run-detail').getByTestId('status-badge');
  await expect(status).toHaveText('running');
  await page.getByTestId('pause').click();
  // The run pauses at its next safe point; pushed events bring the new status.
  await expect(status).toHaveText('paused', { timeout: 30_000 });
  await expect(page.getByTestId('resume')).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/paused-run.png`, fullPage: true });
  await page.getByTestId('resume').click();
  await expect(status).toHaveText('running');
  await page.getByTestId('stop').click();
  await expect(status).toHaveText('stopped', { timeout: 30_000 });
  expect(stack.core.runs.summary(runId).status).toBe('stopped');
});

test('the new-run form shows core errors readably and starts a run', async ({ page, stack }) => {
  await openApp(page, stack);
  await expect(page.locator('.topbar').getByTestId('simulator-badge')).toBeVisible();
  await page.getByTestId('new-run-toggle').click();
  const form = page.getByTestId('new-run-form');
  const before = stack.core.store.lastGlobalPosition();
  await form.getByLabel('Name').fill('x'.repeat(250)); // the core allows 200 characters
  const nameIssue = form.locator('label').filter({ has: page.getByTestId('form-name') }).getByTestId('field-issue');
  await expect(nameIssue).toContainText('name');
  await expect(form.getByTestId('form-start')).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/new-run-error.png` });
  expect(stack.core.store.lastGlobalPosition()).toBe(before);

  await form.getByLabel('Name').fill('from the form');
  await form.getByLabel('Method').selectOption('textgrad');
  await form.getByLabel('Preset').selectOption('paper-100');
  await form.getByLabel('Epochs').fill('1');
  await expect(form.getByTestId('form-start')).toBeEnabled();
  await form.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-title')).toHaveText('from the form');
  const runId = await page.getByTestId('run-detail').getAttribute('data-run-id');
  expect(stack.core.runs.summary(runId!).method).toBe('textgrad');
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('run-detail').getByTestId('status-badge')).toHaveText('stopped', { timeout: 30_000 });

  // A model server of the user's own: the run records it, and an unreachable one fails with a readable reason.
  await page.getByTestId('new-run-toggle').click();
  await expect(form.getByTestId('server-hint')).toContainText('SIMULATOR');
  await form.getByLabel('Model server').selectOption('ollama');
  await form.getByLabel('Base URL').fill('http://127.0.0.1:9/v1');
  await form.getByLabel('Model', { exact: true }).fill('qwen3:32b');
  // A key variable that is not set where the core runs is refused before anything is written.
  await form.getByLabel('API key variable').fill('MY_SERVER_KEY');
  await expect(form.locator('label').filter({ has: page.getByTestId('form-apiKeyEnv') }).getByTestId('field-issue')).toContainText('MY_SERVER_KEY');
  await expect(form.getByTestId('form-start')).toBeDisabled();
  await form.getByLabel('API key variable').fill('');
  await form.getByLabel('Name').fill('own server');
  await form.getByLabel('Epochs').fill('1');
  await page.screenshot({ path: `${SHOTS}/new-run-own-server.png` });
  await expect(form.getByTestId('form-start')).toBeEnabled();
  await form.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-title')).toHaveText('own server');
  const ownId = await page.getByTestId('run-detail').getAttribute('data-run-id');
  const started = stack.core.runs.events(ownId!)[0]!.data as { config: { endpoints: unknown[] }; simulated: boolean };
  expect(started.config.endpoints).toHaveLength(1);
  expect(started.config.endpoints[0]).toMatchObject({ name: 'server', kind: 'ollama', baseURL: 'http://127.0.0.1:9/v1', model: 'qwen3:32b', concurrency: 32 });
  expect(started.simulated).toBe(false);
  await expect(page.getByTestId('run-detail').getByTestId('status-badge')).toHaveText('failed', { timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/own-server-failed.png`, fullPage: true });
});

test('requests without the token or from a foreign origin are refused', async ({ browser, playwright, stack }) => {
  // No token at all: API and page.
  const anonymous = await playwright.request.newContext();
  const noToken = await anonymous.post(`${stack.host.origin}/api/runs.list`, { data: {} });
  expect(noToken.status()).toBe(401);
  expect(await noToken.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  const foreignOrigin = await anonymous.post(`${stack.host.origin}/api/runs.list`, {
    data: {},
    headers: { 'X-Remo-Token': stack.host.token, Origin: 'http://evil.example' },
  });
  expect(foreignOrigin.status()).toBe(403);
  await anonymous.dispose();

  const fresh = await browser.newContext();
  const page = await fresh.newPage();
  const response = await page.goto(`${stack.host.origin}/`);
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('token');
  await page.screenshot({ path: `${SHOTS}/refused-without-token.png` });

  // The printed link works once (no other test of this file opens it): a second browser gets a 401 page.
  const firstBrowser = await browser.newContext();
  const firstLoad = await (await firstBrowser.newPage()).goto(stack.host.url);
  expect(firstLoad?.status()).toBe(200);
  await firstBrowser.close();
  const secondBrowser = await browser.newContext();
  const reusedPage = await secondBrowser.newPage();
  const reused = await reusedPage.goto(stack.host.url);
  expect(reused?.status()).toBe(401);
  await expect(reusedPage.locator('body')).toContainText('this link was already used');
  await secondBrowser.close();

  // A page on another local port, in a browser that HAS the cookie (same site: ports do not
  // count), tries a CSRF start and a socket: the Origin check refuses both.
  const evil: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>evil</title><p>evil page</p>');
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  try {
    const authed = await browser.newContext();
    const app = await authed.newPage();
    await openApp(app, stack);
    const runsBefore = stack.core.runs.list().length;
    const attacker = await authed.newPage();
    await attacker.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    const outcome = await attacker.evaluate(async (origin) => {
      await fetch(`${origin}/api/runs.start`, {
        method: 'POST',
        mode: 'no-cors',
        credentials: 'include',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ config: { method: 'remo' } }),
      }).catch(() => undefined);
      const socket = await new Promise<string>((resolve) => {
        const ws = new WebSocket(origin.replace('http', 'ws') + '/events');
        ws.onmessage = () => resolve('opened');
        ws.onerror = () => resolve('refused');
      });
      return socket;
    }, stack.host.origin);
    expect(outcome).toBe('refused');
    expect(stack.core.runs.list().length).toBe(runsBefore);
    await authed.close();
  } finally {
    evil.close();
    await fresh.close();
  }
});
