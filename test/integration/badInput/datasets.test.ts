import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetFormat } from '../../../shared/datasets/datasetImport';
import { formatIssue } from '../../../shared/datasets/datasetImport';
import { corpusPath, createBadInputCore, expectClearMessage, loadManifest, patternOf, type BadInputCore } from './badInputHarness';

interface DatasetCase {
  id: string;
  file?: string;
  generate?: keyof typeof GENERATORS;
  format: DatasetFormat;
  mapping?: { questionField?: string; answerField?: string; idField?: string; gold?: 'gsm8k' | 'raw' };
  expect: string;
  /** A regex the errors must NOT match (e.g. a huge line must not be called bad UTF-8). */
  forbid?: string;
}

const MiB = 1024 * 1024;
const line = (value: unknown) => JSON.stringify(value) + '\n';

/** Cases too big (or too byte-exact) to commit: built here, deterministically. */
const GENERATORS = {
  'huge-line-not-json': () => Buffer.from(line({ question: 'What is 1 + 1?', answer: '2' }) + 'x'.repeat(16 * MiB) + '\n' + line({ question: 'What is 2 + 2?', answer: '4' })),
  'huge-line-missing-field': () => Buffer.from(line({ question: 'What is 1 + 1?', answer: '2' }) + line({ question: 'é€'.repeat(8 * MiB), note: 'no answer' })),
  'huge-line-bad-utf8-late': () =>
    Buffer.concat([
      Buffer.from(line({ question: 'What is 1 + 1?', answer: '2' })),
      Buffer.from(line({ question: 'ü'.repeat(8 * MiB), answer: '3' })),
      Buffer.from('{"question": "What is 3 + 3?", "answer": "'),
      Buffer.from([0xe2, 0x82]),
      Buffer.from('"}\n'),
    ]),
} satisfies Record<string, () => Buffer>;

function bytesOf(testCase: DatasetCase): Buffer {
  if (testCase.generate) return GENERATORS[testCase.generate]();
  if (!testCase.file) throw new Error(`case ${testCase.id} has neither file nor generate`);
  return readFileSync(corpusPath('datasets', testCase.file));
}

const cases = loadManifest<DatasetCase>('datasets');

describe('bad dataset files: datasets.preview and datasets.import refuse them, name the line, write nothing', { timeout: 120_000 }, () => {
  let t: BadInputCore;
  beforeAll(async () => {
    t = await createBadInputCore();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('the corpus has at least 15 dataset cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, testCase) => {
    const content = bytesOf(testCase).toString('base64');
    const mapping = { questionField: 'question', answerField: 'answer', gold: 'raw' as const, ...testCase.mapping };
    const before = t.fingerprint();
    const listed = await t.client.call('datasets.list', {});

    const preview = await t.client.call('datasets.preview', { content, encoding: 'base64', format: testCase.format, mapping, fileName: testCase.file ?? `${testCase.id}.${testCase.format}` });
    if (!preview.ok) throw new Error(`datasets.preview failed as a call (${preview.error.code}): ${preview.error.message}`);
    expect(preview.value.ok, 'preview says the file would import').toBe(false);
    const previewErrors = preview.value.errors.map(formatIssue).join('\n');
    expectClearMessage(previewErrors, patternOf(testCase.expect), 'preview errors');

    const imported = await t.client.call('datasets.import', { content, encoding: 'base64', name: `bad ${testCase.id}`, format: testCase.format, mapping });
    if (!imported.ok) throw new Error(`datasets.import failed as a call (${imported.error.code}): ${imported.error.message}`);
    if (imported.value.ok) throw new Error(`datasets.import stored the file (${imported.value.itemCount} items, hash ${imported.value.hash})`);
    const errors = imported.value.errors.map(formatIssue).join('\n');
    expectClearMessage(errors, patternOf(testCase.expect), 'import errors');
    if (testCase.forbid) expect(errors).not.toMatch(patternOf(testCase.forbid));

    expect(t.fingerprint()).toEqual(before);
    const after = await t.client.call('datasets.list', {});
    expect(after).toEqual(listed);
  });
});
