#!/usr/bin/env node
// `npm test`: build, then every test runner, each one even when an earlier one failed, then the
// one-line summary (`tests: N passed, N failed, N skipped`). Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { rmSync, mkdirSync } from 'node:fs';

rmSync('reports/vitest.json', { force: true });
rmSync('reports/playwright.json', { force: true });
mkdirSync('reports', { recursive: true });

const run = (script) => spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

const build = run('build');
if (build !== 0) process.stderr.write('run-tests: the build failed; browser tests will fail without it\n');
const unit = run('test:unit');
const e2e = run('test:e2e');
const summary = spawnSync(process.execPath, ['test/runner/summarize-tests.mjs'], { stdio: 'inherit' }).status ?? 1;
process.exitCode = build || unit || e2e || summary ? 1 : 0;
