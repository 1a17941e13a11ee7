/**
 * Every benchmark in its tiny mode, as its own process (exactly as `npm run bench:tiny` runs it):
 * a benchmark that no longer runs fails CI instead of failing the next person who runs
 * `npm run bench`. Checks exit 0, the final figure line, and the JSON result the report reads.
 * Figures are not checked: tiny runs on shared CI machines prove only that the code works.
 * The ui benchmark needs the built renderer (npm test builds before vitest) and a Chromium; where
 * either is missing it is skipped with the reason printed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCHES } from '../../bench/report';
import type { BenchResult } from '../../bench/support/benchResult';

const ROOT = resolve(import.meta.dirname, '../../..');
const UI_MISSING = !existsSync(join(ROOT, 'dist/renderer/index.html'))
  ? 'the renderer is not built (npm run build:renderer)'
  : !existsSync('/usr/bin/chromium') && !process.env.PLAYWRIGHT_BROWSERS_PATH
    ? 'no Chromium (Debian chromium at /usr/bin/chromium)'
    : null;
if (UI_MISSING) console.log(`[bench] skipping the ui benchmark's tiny mode: ${UI_MISSING}`);

function runTiny(script: string): Promise<{ code: number | null; stdout: string; stderr: string; result: BenchResult | null }> {
  const dir = mkdtempSync(join(tmpdir(), 'remo-bench-tiny-'));
  const resultFile = join(dir, 'result.json');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--tiny'], { cwd: ROOT, env: { ...process.env, BENCH_RESULT_FILE: resultFile } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => {
      const result = existsSync(resultFile) ? (JSON.parse(readFileSync(resultFile, 'utf8')) as BenchResult) : null;
      rmSync(dir, { recursive: true, force: true });
      done({ code, stdout, stderr, result });
    });
  });
}

describe('benchmarks, tiny mode', () => {
  for (const bench of BENCHES) {
    const run = bench.name === 'ui' && UI_MISSING ? it.skip : it;
    run(`${bench.name} runs and prints its final figure line`, async () => {
      const { code, stdout, stderr, result } = await runTiny(bench.script);
      expect(code, `${bench.script} --tiny exited ${code}\n${stderr.slice(-3000)}`).toBe(0);
      const lastLine = stdout.trimEnd().split('\n').at(-1) ?? '';
      expect(lastLine).toMatch(bench.finalLine);
      expect(result?.tiny).toBe(true);
      expect(result?.finalLine).toBe(lastLine);
      expect(result?.figures.length).toBeGreaterThan(0);
    }, 150_000);
  }
});
