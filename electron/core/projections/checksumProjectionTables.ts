import { createHash } from 'node:crypto';
import type { Db } from '../store/types';
import type { Projection } from './projection';

/** Encodes one SQLite value with its type, so 1, '1' and a 1-byte blob hash differently. */
function encodeValue(value: unknown): string {
  if (value === null || value === undefined) return 'N';
  if (typeof value === 'number') return `n${value}`;
  if (typeof value === 'bigint') return `i${value}`;
  if (typeof value === 'string') return `s${JSON.stringify(value)}`;
  if (Buffer.isBuffer(value)) return `b${value.toString('hex')}`;
  return `?${String(value)}`;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A stable sha256 (hex) over the contents of every table the projections own: tables in
 * (projection name, table name) order, each with its column names, rows ordered by every column.
 * Independent of insertion order and rowids that are not declared columns, so a rebuild that
 * produces the same read model produces the same checksum.
 */
export function checksumProjectionTables(db: Db, projections: readonly Projection[]): string {
  const hash = createHash('sha256');
  const ordered = [...projections].sort((a, b) => a.name.localeCompare(b.name));
  for (const projection of ordered) {
    for (const table of [...projection.tables].sort()) {
      const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
      if (columns.length === 0) throw new Error(`projection ${projection.name} declares table ${table}, which does not exist`);
      hash.update(`table ${projection.name}.${table} (${columns.join(',')})\n`);
      const orderBy = columns.map((_, index) => String(index + 1)).join(', ');
      const select = db.prepare(`SELECT ${columns.map(quoteIdentifier).join(', ')} FROM ${quoteIdentifier(table)} ORDER BY ${orderBy}`).raw();
      for (const row of select.iterate() as Iterable<unknown[]>) {
        hash.update(row.map(encodeValue).join('\t'));
        hash.update('\n');
      }
    }
  }
  return hash.digest('hex');
}
