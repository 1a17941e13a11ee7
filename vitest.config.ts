import { defineConfig } from 'vitest/config';

// Unit, integration and contract tests. Browser (e2e) tests run under Playwright instead.
// The JSON report feeds the one-line summary that .ci/run prints.
export default defineConfig({
  test: {
    include: ['test/{unit,integration,contract}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
