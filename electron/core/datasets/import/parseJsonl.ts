import { parseJsonBounded } from '../../../../shared/json/boundedJson';
import type { DatasetLimits, ImportIssue, RawRow } from './importTypes';

/**
 * JSON Lines: one JSON value per line; blank lines are skipped. A last line that does not parse
 * and has no final newline is reported as a truncated file. A line over `maxLineChars` is not parsed.
 */
export function parseJsonl(text: string, limits: Pick<DatasetLimits, 'maxLineChars'>): { rows: RawRow[]; errors: ImportIssue[] } {
  const rows: RawRow[] = [];
  const errors: ImportIssue[] = [];
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  lines.forEach((content, i) => {
    if (content.trim() === '') return;
    const line = i + 1;
    if (content.length > limits.maxLineChars) {
      errors.push({ location: { kind: 'line', line }, message: `the line is ${content.length} characters long; the limit is ${limits.maxLineChars} (one item per line)` });
      return;
    }
    try {
      rows.push({ location: { kind: 'line', line }, record: parseJsonBounded(content) });
    } catch (error) {
      const isLast = i === lines.length - 1;
      const detail = error instanceof Error ? error.message : String(error);
      errors.push({
        location: { kind: 'line', line },
        message: isLast && !endsWithNewline
          ? `invalid JSON on the last line, which has no line ending: the file looks truncated (${detail})`
          : `invalid JSON (${detail})`,
      });
    }
  });
  return { rows, errors };
}
