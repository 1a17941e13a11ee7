#!/usr/bin/env node
// Prints the one closing line CI counts: `tests: N passed, N failed, N skipped`, summed over the
// JSON reports of vitest (reports/vitest.json) and Playwright (reports/playwright.json).
// A report that is missing counts as nothing ran for that runner, and is said so on stderr;
// a report that cannot be parsed counts as one failure so a broken runner never looks green.
import { readFileSync, existsSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };

function readReport(path) {
  if (!existsSync(path)) {
    process.stderr.write(`summarize-tests: ${path} is missing (that runner did not run or did not finish)\n`);
    return null;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    process.stderr.write(`summarize-tests: ${path} is not valid JSON: ${error.message}\n`);
    totals.failed += 1;
    return null;
  }
}

const vitest = readReport('reports/vitest.json');
if (vitest) {
  totals.passed += vitest.numPassedTests ?? 0;
  totals.failed += vitest.numFailedTests ?? 0;
  totals.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  // A test file that failed to load has no tests in it but is still a failure.
  const brokenSuites = (vitest.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
  ).length;
  totals.failed += brokenSuites;
}

const playwright = readReport('reports/playwright.json');
if (playwright?.stats) {
  const { expected = 0, unexpected = 0, skipped = 0, flaky = 0 } = playwright.stats;
  totals.passed += expected + flaky;
  totals.failed += unexpected;
  totals.skipped += skipped;
}

process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exitCode = totals.failed > 0 ? 1 : 0;
