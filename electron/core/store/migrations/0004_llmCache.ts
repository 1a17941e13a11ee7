import type { Migration } from './migration';

/**
 * The LLM response cache (electron/core/llm/cache). Not events and not a projection: a pure
 * memo of "this exact request to this exact server gave this reply", so a replayed or resumed run
 * costs no model time. Dropping the table loses nothing but speed.
 *
 * `key` is the sha256 of (model, endpoint fingerprint = kind + base URL + model, messages,
 * sampling, sample index). The API key is never part of the key nor stored: the invariant is that
 * this table can be shared or inspected without leaking a credential.
 */
export const migration0004LlmCache: Migration = {
  id: 4,
  name: 'llm_cache',
  up(db) {
    db.exec(`
      CREATE TABLE llm_cache (
        key               TEXT PRIMARY KEY,
        fingerprint       TEXT NOT NULL,
        model             TEXT NOT NULL,
        text              TEXT NOT NULL,
        thinking          TEXT,
        finish_reason     TEXT NOT NULL,
        prompt_tokens     INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        latency_ms        INTEGER NOT NULL,
        created_at        TEXT NOT NULL
      ) STRICT;
    `);
  },
};
