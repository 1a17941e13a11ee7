import Papa from 'papaparse';
import type { ImportIssue, RawRow } from './importTypes';

/**
 * CSV with a header row, parsed by papaparse (quoted fields may span lines). Each row is located
 * by the file line it starts on, so messages point at what an editor shows. Blank lines are
 * skipped; a row with a different field count than the header is an error (a truncated last row
 * usually shows up this way, or as an unterminated quote).
 */
export function parseCsv(text: string): { rows: RawRow[]; errors: ImportIssue[] } {
  const rows: RawRow[] = [];
  const errors: ImportIssue[] = [];
  let header: string[] | null = null;
  let rowStart = 0;
  // Counting newlines incrementally keeps line numbers O(n) over the whole file.
  let countedUpTo = 0;
  let linesBefore = 0;
  const lineAt = (offset: number): number => {
    for (; countedUpTo < offset; countedUpTo++) if (text.charCodeAt(countedUpTo) === 10) linesBefore++;
    return linesBefore + 1;
  };

  Papa.parse<string[]>(text, {
    header: false,
    delimiter: ',',
    skipEmptyLines: false,
    step(result) {
      const start = rowStart;
      rowStart = result.meta.cursor;
      // A row that starts right after a newline begins on the next line; skip blank rows.
      const fields = result.data;
      if (fields.length === 1 && fields[0]!.trim() === '') return;
      const line = lineAt(start + (text.charCodeAt(start) === 10 ? 1 : 0));
      for (const e of result.errors) {
        if (e.code === 'MissingQuotes') {
          errors.push({ location: { kind: 'line', line }, message: 'quoted field is never closed: the file looks truncated or has a stray quote' });
        } else if (e.code !== 'UndetectableDelimiter') {
          errors.push({ location: { kind: 'line', line }, message: e.message });
        }
      }
      if (header === null) {
        header = fields.map((f) => f.trim());
        const seen = new Set<string>();
        for (const name of header) {
          if (name === '') errors.push({ location: { kind: 'line', line }, message: 'header has an empty column name' });
          else if (seen.has(name)) errors.push({ location: { kind: 'line', line }, message: `header repeats the column "${name}"` });
          seen.add(name);
        }
        return;
      }
      if (fields.length !== header.length) {
        errors.push({
          location: { kind: 'line', line },
          message: `expected ${header.length} fields (as in the header) but found ${fields.length}` +
            (rowStart >= text.trimEnd().length ? ': the last row looks truncated' : ''),
        });
        return;
      }
      const record: Record<string, string> = {};
      header.forEach((name, i) => (record[name] = fields[i]!));
      rows.push({ location: { kind: 'line', line }, record });
    },
  });
  if (header === null) errors.push({ message: 'the CSV file has no header row' });
  return { rows, errors };
}
