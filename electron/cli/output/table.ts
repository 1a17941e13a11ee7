import Table from 'cli-table3';

/**
 * Renders rows as a boxed text table (cli-table3). Colour is off: the output is also read from
 * pipes and logs, where escape codes are noise.
 */
export function renderTable(head: string[], rows: Array<Array<string | number>>): string {
  const table = new Table({ head, style: { head: [], border: [] } });
  for (const row of rows) table.push(row.map(String));
  return table.toString();
}

/** A two-column key/value table; long values (failure reasons) wrap instead of widening the table. */
export function renderKeyValues(pairs: Array<[string, string | number]>): string {
  const longest = Math.max(...pairs.map(([, value]) => String(value).length), 10);
  const table = new Table({ style: { head: [], border: [] }, wordWrap: true, wrapOnWordBoundary: true, colWidths: [null, Math.min(longest + 2, 90)] });
  for (const [key, value] of pairs) table.push({ [key]: String(value) });
  return table.toString();
}
