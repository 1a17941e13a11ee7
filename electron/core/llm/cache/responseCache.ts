import type { Db } from '../../store/types';

/** What the cache keeps of a reply: enough to return it identically with its original usage. */
export interface CachedReply {
  text: string;
  thinking?: string;
  finishReason: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  /** The server's `system_fingerprint` of the original reply (column added by migration 0007). */
  fingerprint?: string;
}

interface CacheRow {
  key: string;
  text: string;
  thinking: string | null;
  finish_reason: string;
  prompt_tokens: number;
  completion_tokens: number;
  latency_ms: number;
  system_fingerprint: string | null;
}

/**
 * The SQLite response cache (table `llm_cache`, migrations 0004 and 0007). Synchronous, statements prepared
 * once. `lookup` takes several keys because a group of replicas shares answers: the same request
 * to any replica of the model is the same request.
 */
export class ResponseCache {
  private readonly selectOne;
  private readonly insert;

  constructor(private readonly db: Db, private readonly clock: () => Date) {
    this.selectOne = db.prepare<[string], CacheRow>(
      'SELECT key, text, thinking, finish_reason, prompt_tokens, completion_tokens, latency_ms, system_fingerprint FROM llm_cache WHERE key = ?',
    );
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO llm_cache (key, fingerprint, model, text, thinking, finish_reason, prompt_tokens, completion_tokens, latency_ms, created_at, system_fingerprint)
       VALUES (@key, @fingerprint, @model, @text, @thinking, @finishReason, @promptTokens, @completionTokens, @latencyMs, @createdAt, @systemFingerprint)`,
    );
  }

  /** The first stored reply among `keys`, or undefined. */
  lookup(keys: readonly string[]): CachedReply | undefined {
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) {
        return {
          text: row.text,
          ...(row.thinking !== null ? { thinking: row.thinking } : {}),
          finishReason: row.finish_reason,
          promptTokens: row.prompt_tokens,
          completionTokens: row.completion_tokens,
          latencyMs: row.latency_ms,
          ...(row.system_fingerprint !== null ? { fingerprint: row.system_fingerprint } : {}),
        };
      }
    }
    return undefined;
  }

  /** Stores a reply; the first reply for a key wins (a cache never changes its answer). */
  store(key: string, meta: { fingerprint: string; model: string }, reply: CachedReply): void {
    this.insert.run({
      key,
      fingerprint: meta.fingerprint,
      model: meta.model,
      text: reply.text,
      thinking: reply.thinking ?? null,
      finishReason: reply.finishReason,
      promptTokens: reply.promptTokens,
      completionTokens: reply.completionTokens,
      latencyMs: Math.round(reply.latencyMs),
      createdAt: this.clock().toISOString(),
      systemFingerprint: reply.fingerprint ?? null,
    });
  }
}
