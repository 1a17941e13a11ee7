import { parseJsonBounded } from '../../../../shared/json/boundedJson';
import type { ImportIssue, RawRow } from './importTypes';

/** Line and column of a character offset, for JSON syntax errors. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/**
 * A JSON file holding one array of objects. Rows are located by array index. A syntax error is
 * reported with its line and column; an unexpected end of input as a truncated file.
 */
export function parseJsonArray(text: string): { rows: RawRow[]; errors: ImportIssue[] } {
  let value: unknown;
  try {
    value = parseJsonBounded(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (/end of (JSON )?input|Unterminated/i.test(detail)) {
      return { rows: [], errors: [{ message: `invalid JSON: the file ends early, it looks truncated (${detail})` }] };
    }
    const position = /position (\d+)/.exec(detail);
    const where = position ? ` at ${lineColumn(text, Number(position[1]))}` : '';
    return { rows: [], errors: [{ message: `invalid JSON${where} (${detail})` }] };
  }
  if (!Array.isArray(value)) {
    return { rows: [], errors: [{ message: 'a .json dataset must be an array of objects (for one object per line, use --format jsonl)' }] };
  }
  return { rows: value.map((record, index) => ({ location: { kind: 'index', index }, record })), errors: [] };
}
