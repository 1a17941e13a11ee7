import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the database lives when no path is given: $REMO_DB when set, else ~/.remo/remo.db.
 * One per-user file so `remo run`, `remo runs` and the app see the same runs without flags.
 */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.REMO_DB?.trim();
  return fromEnv ? fromEnv : join(homedir(), '.remo', 'remo.db');
}
