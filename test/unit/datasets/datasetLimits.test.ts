import { describe, expect, it } from 'vitest';
import { parseDatasetFile } from '../../../electron/core/datasets/import/parseDatasetFile';
import { formatIssue, type DatasetFormat, type FieldMapping } from '../../../electron/core/datasets/import/importTypes';
import { DATASET_LIMITS } from '../../../shared/datasets/datasetImport';

const mapping: FieldMapping = { questionField: 'question', answerField: 'answer', idField: 'id', gold: 'raw' };
const bytes = (text: string) => new TextEncoder().encode(text);
const small = { ...DATASET_LIMITS, maxFileBytes: 1000, maxLineChars: 200, maxQuestionChars: 50, maxAnswerChars: 20, maxIdChars: 8 };
const messages = (text: string, format: DatasetFormat = 'jsonl', limits = small) => {
  const r = parseDatasetFile(bytes(text), format, mapping, limits);
  return r.ok ? [] : r.errors.map(formatIssue);
};
const row = (id: string, question: string, answer = '1') => JSON.stringify({ id, question, answer });

describe('dataset import limits', () => {
  it('has sane defaults: files up to 128 MiB, questions and answers up to 100k characters, ids up to 200', () => {
    expect(DATASET_LIMITS).toMatchObject({ maxFileBytes: 128 * 1024 * 1024, maxQuestionChars: 100_000, maxAnswerChars: 100_000, maxIdChars: 200 });
  });

  it('given a file over the size limit (a single long ASCII line), then "too large" with its size and the limit, not "invalid UTF-8"', () => {
    const out = messages('x'.repeat(1500));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^the file is too large: 1\.5 KiB \(1500 bytes\); the limit is 1000 B/);
    expect(out[0]).not.toMatch(/UTF-8/);
  });

  it('given a JSONL line over the line limit, then that line is named as too long', () => {
    const out = messages(row('a', 'q') + '\n' + row('b', 'x'.repeat(300)) + '\n');
    expect(out).toEqual([expect.stringMatching(/^line 2: the line is \d+ characters long; the limit is 200/)]);
  });

  it('given a question, answer or id over its limit, then the message names the line, field, length and limit', () => {
    const out = messages([row('a', 'x'.repeat(51)), row('b', 'q2', '9'.repeat(21)), row('c'.repeat(9), 'q3')].join('\n') + '\n');
    expect(out).toEqual([
      'line 1: field "question" is 51 characters long; the limit is 50',
      'line 2: field "answer" is 21 characters long; the limit is 20',
      'line 3: field "id" is 9 characters long; the limit is 8',
    ]);
    // The defaults: a 50 MB question is refused, not accepted silently.
    const huge = parseDatasetFile(bytes(row('a', 'x'.repeat(200_000)) + '\n'), 'jsonl', mapping);
    expect(huge.ok).toBe(false);
    expect(huge.ok ? [] : huge.errors.map(formatIssue)).toEqual(['line 1: field "question" is 200000 characters long; the limit is 100000']);
  });

  it('given NUL or other control characters in a field (any format), then the row is refused, the character shown escaped', () => {
    expect(messages(row('a', 'what\u0000is') + '\n')).toEqual(['line 1: field "question" holds a control character (\\x00 at character 5); remove it']);
    expect(messages(row('a', 'q', '4\u001b[2J') + '\n')).toEqual(['line 1: field "answer" holds a control character (\\x1b at character 2); remove it']);
    expect(messages('id,question,answer\na,"x\u009by",1\n', 'csv')).toEqual(['line 2: field "question" holds a control character (\\x9b at character 2); remove it']);
    expect(messages(JSON.stringify([{ id: 'a\u0007', question: 'q', answer: '1' }]), 'json')).toEqual(['item [0]: field "id" holds a control character (\\x07 at character 2); remove it']);
    // Tabs and line breaks inside a field are text, not control: still accepted.
    expect(messages(row('a', 'two\tlines\nhere') + '\n')).toEqual([]);
  });

  it('given a file whose JSON nests deeper than the bound, then a clear error, not a stack overflow', () => {
    const deep = '{"id":"a","question":"q","answer":"1","x":' + '['.repeat(200) + ']'.repeat(200) + '}\n';
    expect(messages(deep, 'jsonl', { ...small, maxLineChars: 10_000, maxFileBytes: 10_000 })).toEqual(['line 1: invalid JSON (nested deeper than 100 levels)']);
  });
});
