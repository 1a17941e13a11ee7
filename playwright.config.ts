/**
 * Browser tests (Playwright). On the team's offline machines Playwright cannot download its
 * browsers, so Debian's Chromium is used when /usr/bin/chromium exists; elsewhere Playwright's own.
 * Reports: list on the console, JSON in reports/playwright.json (read by .ci/run). Screenshots the
 * tests take on purpose go to reports/screenshots (test-results/ is wiped by Playwright).
 */
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // One worker: each spec file starts its own core, simulator and host; serial keeps it light.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(existsSync(DEBIAN_CHROMIUM) ? { executablePath: DEBIAN_CHROMIUM } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
