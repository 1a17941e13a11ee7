import { mkdirSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { startE2eHost, type E2eHost } from './e2eHost';

/** Screenshots the tests take on purpose (looked at by people; named in closing notes). */
export const SHOTS = 'reports/screenshots';
mkdirSync(SHOTS, { recursive: true });

/** One real stack (core + simulator + web host) per worker, shared by the tests of a file. */
export const test = base.extend<{ cspViolations: string[] }, { stack: E2eHost }>({
  stack: [
    async ({}, use) => {
      const stack = await startE2eHost();
      await use(stack);
      await stack.close();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  cspViolations: async ({ page }, use) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await use(violations);
  },
});

/**
 * Opens the app through a fresh one-time login link (`host.issueLoginUrl()`: like the printed URL,
 * a `?token=` the host exchanges for a session cookie, but minted per call, since the printed one
 * works once and every test opens a new browser context) and waits for the app's own ready event.
 */
export async function openApp(page: Page, stack: Pick<E2eHost, 'host'>, hash = ''): Promise<void> {
  await page.goto(`${stack.host.issueLoginUrl()}${hash}`);
  await page.waitForFunction(() => document.documentElement.dataset.remoReady !== undefined);
  expect(new URL(page.url()).search).toBe(''); // the token left the address bar
}

/** Waits until the run view shows the state at global `position` (the app's point-shown event). */
export async function shownAt(page: Page, position: number): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-remo-point-shown', new RegExp(`"position":${position},`));
  await expect(page.getByTestId('scrubber')).toHaveAttribute('data-position', String(position));
}

/** Screenshots the page in the light and the dark theme (`<name>-light.png`, `<name>-dark.png`). */
export async function shootBothThemes(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: `${SHOTS}/${name}-${theme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
