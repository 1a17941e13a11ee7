import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRemo } from '../cli/cliHarness';
import { corpusPath, createBadInputCore, expectClearMessage, expectFailure, loadManifest, patternOf, type BadInputCore } from './badInputHarness';

interface ConfigCase {
  id: string;
  file?: string;
  generate?: keyof typeof GENERATORS;
  via?: 'api' | 'cli' | 'both';
  expect: string;
  forbid?: string;
  codes?: string[];
}

/** Depth of the generated deep-nesting config: far beyond any recursive walk's stack. */
const DEEP = 100_000;

function baseConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(corpusPath('configs', 'base.json'), 'utf8')) as Record<string, unknown>;
}

/** Nested `{ a: { a: ... } }`, built without recursion. */
function deepObject(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** The config each generated case feeds the API, and the file text the CLI reads (when it can be a file). */
const GENERATORS = {
  'nan-epochs': () => ({ value: { ...baseConfig(), epochs: Number.NaN } }),
  'infinite-merge-threshold': () => ({ value: { ...baseConfig(), mergeThreshold: Number.POSITIVE_INFINITY } }),
  'huge-name': () => ({ value: { ...baseConfig(), name: 'n'.repeat(100_000) } }),
  'deep-nesting': () => {
    const text = JSON.stringify(baseConfig());
    return {
      value: { ...baseConfig(), notes: deepObject(DEEP) },
      text: `{"notes":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)},${text.slice(1)}`,
    };
  },
} satisfies Record<string, () => { value: unknown; text?: string }>;

function inputOf(testCase: ConfigCase): { value: unknown; text: string | undefined; file: string | undefined } {
  if (testCase.generate) {
    const generated: { value: unknown; text?: string } = GENERATORS[testCase.generate]();
    return { value: generated.value, text: generated.text, file: undefined };
  }
  const file = corpusPath('configs', testCase.file!);
  const text = readFileSync(file, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined; // CLI-only cases: not JSON at all
  }
  return { value, text, file };
}

const cases = loadManifest<ConfigCase>('configs');
const apiCases = cases.filter((c) => (c.via ?? 'api') !== 'cli');
const cliCases = cases.filter((c) => c.via === 'cli' || c.via === 'both');

describe('bad run configs: refused with the field named, nothing written', { timeout: 180_000 }, () => {
  let t: BadInputCore;
  beforeAll(async () => {
    t = await createBadInputCore();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('the corpus has at least 12 config cases, and base.json (what each case breaks) is valid', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    const check = await t.client.call('runs.validateConfig', { config: baseConfig() });
    expect(check.ok && check.value.ok, JSON.stringify(check)).toBe(true);
  });

  it.each(apiCases.map((c) => [c.id, c] as const))('api: %s', async (_id, testCase) => {
    const { value } = inputOf(testCase);
    const before = t.fingerprint();
    const runsBefore = t.core.runs.list().length;

    const check = await t.client.call('runs.validateConfig', { config: value as Record<string, unknown> });
    if (check.ok) {
      expect(check.value.ok, `runs.validateConfig accepted it: ${JSON.stringify(check.value.resolved ?? {}).slice(0, 300)}`).toBe(false);
      expectClearMessage(check.value.issues.map((i) => `${i.path}: ${i.message}`).join('\n'), patternOf(testCase.expect), 'validateConfig issues');
    } else {
      const error = expectFailure(check, testCase.codes ?? ['bad-request']);
      expectClearMessage(error.message, patternOf(testCase.expect), 'validateConfig error');
    }

    const started = await t.client.call('runs.start', { config: value as Record<string, unknown> });
    if (started.ok) {
      // Do not let an accepted bad config run on under the next cases' fingerprints.
      await t.core.runs.waitForRun(started.value.runId);
      throw new Error(`runs.start accepted the config and started run ${started.value.runId}`);
    }
    const error = expectFailure(started, testCase.codes ?? ['bad-request']);
    expectClearMessage(error.message, patternOf(testCase.expect), 'runs.start error');
    if (testCase.forbid) expect(error.message).not.toMatch(patternOf(testCase.forbid));

    expect(t.core.runs.list().length).toBe(runsBefore);
    expect(t.fingerprint()).toEqual(before);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(cliCases.map((c) => [c.id, c] as const))('cli: %s', async (_id, testCase) => {
    const input = inputOf(testCase);
    let file = input.file;
    if (!file) {
      if (input.text === undefined) throw new Error(`case ${testCase.id} has no file text for the CLI`);
      file = path.join(t.dir, `${testCase.id}.json`);
      writeFileSync(file, input.text);
    }
    const db = path.join(t.dir, `cli-${testCase.id}.db`);
    const result = await runRemo(['run', '--config', file, '--db', db, '--dry-run']);
    expect(result.code, `exit code; stdout: ${result.stdout.slice(0, 300)}`).toBe(2);
    expectClearMessage(result.stderr, patternOf(testCase.expect), 'stderr');
    if (testCase.forbid) expect(result.stderr + result.stdout).not.toMatch(patternOf(testCase.forbid));
    expect(existsSync(db), 'the database was created').toBe(false);
  });
});
