import { describe, expect, it } from 'vitest';
import { parseDatasetFile } from '../../../electron/core/datasets/import/parseDatasetFile';
import { formatIssue, type DatasetFormat, type FieldMapping } from '../../../electron/core/datasets/import/importTypes';
import { datasetContentHash } from '../../../shared/datasets/datasetContentHash';

const mapping: FieldMapping = { questionField: 'question', answerField: 'answer', gold: 'raw' };
const bytes = (text: string) => new TextEncoder().encode(text);
const parse = (text: string | Uint8Array, format: DatasetFormat, m: Partial<FieldMapping> = {}) =>
  parseDatasetFile(typeof text === 'string' ? bytes(text) : text, format, { ...mapping, ...m });
const messages = (r: ReturnType<typeof parse>) => (r.ok ? [] : r.errors.map(formatIssue));

const rows = [
  { id: 'a', question: 'What is 2+2?', answer: '4' },
  { id: 'b', question: 'What is 3+3?', answer: '6' },
  { id: 'c', question: 'Say "hi", then a comma, please', answer: 'hi, there' },
];
const jsonl = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const json = JSON.stringify(rows, null, 2);
const csv = 'id,question,answer\na,What is 2+2?,4\nb,What is 3+3?,6\nc,"Say ""hi"", then a comma, please","hi, there"\n';

describe('parseDatasetFile: good files', () => {
  it('given the same items as JSONL, JSON and CSV, then the items and the content hash are identical', () => {
    const results = (['jsonl', 'json', 'csv'] as const).map((f, i) => parse([jsonl, json, csv][i]!, f, { idField: 'id' }));
    for (const r of results) expect(r.ok).toBe(true);
    const items = results.map((r) => (r.ok ? r.items : []));
    expect(items[0]).toEqual(rows);
    expect(items[1]).toEqual(rows);
    expect(items[2]).toEqual(rows);
    const hashes = items.map((i) => datasetContentHash(i));
    expect(new Set(hashes).size).toBe(1);
  });

  it('given CRLF line endings and a BOM, then the result is the same as LF', () => {
    const crlf = '\ufeff' + csv.replace(/\n/g, '\r\n');
    const a = parse(crlf, 'csv', { idField: 'id' });
    const b = parse(csv, 'csv', { idField: 'id' });
    expect(a).toEqual(b);
  });

  it('given no id field, then ids are generated from the ordinal', () => {
    const r = parse(jsonl, 'jsonl');
    expect(r.ok && r.items.map((i) => i.id)).toEqual(['item-0', 'item-1', 'item-2']);
  });

  it('given custom field names and numeric JSON answers, then they are mapped and stringified', () => {
    const r = parse('[{"q":"one?","a":1,"key":7}]', 'json', { questionField: 'q', answerField: 'a', idField: 'key' });
    expect(r.ok && r.items).toEqual([{ id: '7', question: 'one?', answer: '1' }]);
  });

  it('given --gold gsm8k, then the gold is the number after #### and the solution is kept', () => {
    const r = parse('{"question":"q","answer":"3 + 4 = 7\\n#### 1,007"}\n', 'jsonl', { gold: 'gsm8k' });
    expect(r.ok && r.items[0]).toEqual({ id: 'item-0', question: 'q', answer: '1007', solution: '3 + 4 = 7\n#### 1,007' });
  });

  it('given a quoted CSV field spanning lines, then later rows keep their real file line numbers', () => {
    const text = 'question,answer\n"line one\nline two",1\n,2\n';
    expect(messages(parse(text, 'csv'))).toEqual(['line 4: field "question" is empty']);
  });

  it('given blank lines in JSONL, then they are skipped but line numbers stay true', () => {
    const text = '{"question":"a","answer":"1"}\n\n{"question":"b"}\n';
    expect(messages(parse(text, 'jsonl'))).toEqual(['line 3: missing field "answer"']);
  });
});

describe('parseDatasetFile: duplicates', () => {
  it('given the same question twice (case and spacing differ), then a warning names both lines and items are kept', () => {
    const text = '{"question":"What is  2+2?","answer":"4"}\n{"question":"x","answer":"1"}\n{"question":"what is 2+2? ","answer":"4"}\n';
    const r = parse(text, 'jsonl');
    expect(r.ok).toBe(true);
    expect(r.warnings.map(formatIssue)).toEqual(['line 3: duplicate question (same as line 1)']);
  });

  it('given the same id twice, then it is an error naming both places', () => {
    const r = parse('[{"id":"x","question":"a","answer":"1"},{"id":"x","question":"b","answer":"2"}]', 'json', { idField: 'id' });
    expect(messages(r)).toEqual(['item [1]: duplicate id "x" (first at item [0])']);
  });
});

describe('parseDatasetFile: bad files give every error with its place, and no items', () => {
  it('given an empty file, then a clear error', () => {
    expect(messages(parse('', 'jsonl'))).toEqual(['the file is empty']);
    expect(messages(parse('  \n', 'csv'))).toEqual(['the file holds only whitespace']);
  });

  it('given invalid UTF-8 on line 2, then the error names line 2', () => {
    const good = bytes('{"question":"a","answer":"1"}\n{"question":"');
    const broken = new Uint8Array([...good, 0xc3, 0x28, ...bytes('","answer":"2"}\n')]);
    expect(messages(parse(broken, 'jsonl'))).toEqual(['line 2: invalid UTF-8 (is the file saved as UTF-8, and complete?)']);
  });

  it('given a JSONL file cut off mid-line, then the last line is reported as truncated', () => {
    const r = parse('{"question":"a","answer":"1"}\n{"question":"b","ans', 'jsonl');
    expect(messages(r)).toHaveLength(1);
    expect(messages(r)[0]).toMatch(/^line 2: invalid JSON on the last line, which has no line ending: the file looks truncated/);
  });

  it('given a broken JSONL line in the middle plus a row missing a field, then both are listed', () => {
    const r = parse('{"question":"a","answer":"1"}\n{oops}\n{"question":"c"}\n', 'jsonl');
    const m = messages(r);
    expect(m).toHaveLength(2);
    expect(m[0]).toMatch(/^line 2: invalid JSON/);
    expect(m[1]).toBe('line 3: missing field "answer"');
  });

  it('given a truncated JSON array, then it says truncated', () => {
    expect(messages(parse('[{"question":"a","answer":"1"},{"quest', 'json'))[0]).toMatch(/truncated/);
  });

  it('given a JSON syntax error, then it names line and column', () => {
    expect(messages(parse('[\n{"question":"a","answer":"1"},\n{"question" "b"}\n]', 'json'))[0]).toMatch(/at line 3, column/);
  });

  it('given JSON that is not an array or has non-object items, then it says so with the index', () => {
    expect(messages(parse('{"question":"a"}', 'json'))[0]).toMatch(/must be an array/);
    expect(messages(parse('[{"question":"a","answer":"1"}, 5]', 'json'))).toEqual(['item [1]: expected an object with named fields']);
  });

  it('given a CSV with a missing column, an empty cell and a short last row, then each is listed by file line', () => {
    const text = 'question,answer\nq1,1\nq2,\nq3';
    expect(messages(parse(text, 'csv'))).toEqual([
      'line 3: field "answer" is empty',
      'line 4: expected 2 fields (as in the header) but found 1: the last row looks truncated',
    ]);
  });

  it('given a CSV whose last quoted field never closes, then it reports a truncated file', () => {
    expect(messages(parse('question,answer\nq1,1\n"q2 is cut', 'csv'))[0]).toMatch(/^line 3: quoted field is never closed/);
  });

  it('given a mapping to a column the CSV lacks, then every row says which field is missing', () => {
    const r = parse('q,a\nx,1\ny,2\n', 'csv');
    expect(messages(r)).toEqual([
      'line 2: missing field "question"',
      'line 2: missing field "answer"',
      'line 3: missing field "question"',
      'line 3: missing field "answer"',
    ]);
  });

  it('given --gold gsm8k and an answer without ####, then it is an error', () => {
    expect(messages(parse('{"question":"q","answer":"7"}\n', 'jsonl', { gold: 'gsm8k' }))).toEqual([
      'line 1: field "answer" has no "#### <number>" (needed by --gold gsm8k)',
    ]);
  });
});
