import type { Migration } from './migration';

/**
 * The server's `system_fingerprint` beside each cached reply. A cache hit then reports who
 * answered the original request, so a run replayed entirely from the cache is still labelled
 * simulated when REMO's simulator wrote those replies. Nullable: rows from before, and servers
 * that send no fingerprint, have none.
 */
export const migration0007LlmCacheSystemFingerprint: Migration = {
  id: 7,
  name: 'llm_cache_system_fingerprint',
  up(db) {
    db.exec('ALTER TABLE llm_cache ADD COLUMN system_fingerprint TEXT;');
  },
};
