import type { Db } from '../types';

/**
 * One numbered schema step. `id` is the number in the file name (0001, 0002, ...); ids increase along
 * `migrations`. `up` runs inside the runner's transaction, so it must not open
 * its own transaction nor change PRAGMAs that cannot run in one.
 */
export interface Migration {
  readonly id: number;
  readonly name: string;
  up(db: Db): void;
}
