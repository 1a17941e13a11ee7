import type { Db } from '../store/types';

/** A row of the `projections` table (migration 0002). */
export interface ProjectionRecord {
  name: string;
  version: number;
  last_position: number;
}

export function readProjectionRecords(db: Db): Map<string, ProjectionRecord> {
  const rows = db.prepare('SELECT name, version, last_position FROM projections').all() as ProjectionRecord[];
  return new Map(rows.map((row) => [row.name, row]));
}

export function writeProjectionRecord(db: Db, name: string, version: number, lastPosition: number): void {
  db.prepare(
    `INSERT INTO projections (name, version, last_position) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET version = excluded.version, last_position = excluded.last_position`,
  ).run(name, version, lastPosition);
}
