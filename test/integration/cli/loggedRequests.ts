import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

/** Non-cached, non-local calls per role recorded in the log: each one was a request to the simulator. */
export function loggedRequestsByRole(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const counts: Record<string, number> = {};
    for (const row of db.prepare('SELECT data FROM events').iterate() as Iterable<{ data: string }>) {
      const calls = (JSON.parse(row.data) as { calls?: Array<{ role: string; cached: boolean; endpoint: string }> }).calls ?? [];
      for (const call of calls) {
        if (call.cached || call.endpoint === 'builtin:lexical') continue;
        counts[call.role] = (counts[call.role] ?? 0) + 1;
      }
    }
    return counts;
  } finally {
    db.close();
  }
}

/** Events in the database's run streams (`$`-streams such as the catalog left out); 0 before the file exists. */
export function runEventCount(dbPath: string): number {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM events WHERE stream_id NOT LIKE '$%'").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/** a - b per role, leaving out roles where they are equal. */
export function subtractCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys({ ...a, ...b }).map((role) => [role, (a[role] ?? 0) - (b[role] ?? 0)]).filter(([, n]) => n !== 0));
}
