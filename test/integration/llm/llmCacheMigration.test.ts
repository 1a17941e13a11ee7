import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseCache } from '../../../electron/core/llm/cache/responseCache';
import { migrations } from '../../../electron/core/store/migrations/index';
import { openDatabase } from '../../../electron/core/store/openDatabase';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migration 0004 llm_cache', () => {
  it('adds the cache table to a database at 0003 and keeps what was there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'remo-llm-mig-'));
    dirs.push(dir);
    const path = join(dir, 'remo.sqlite');
    const at4 = migrations.findIndex((m) => m.id === 4);
    expect(at4).toBeGreaterThan(0);
    const before = openDatabase(path, { migrations: migrations.slice(0, at4) });
    expect(before.prepare("SELECT name FROM sqlite_master WHERE name = 'llm_cache'").get()).toBeUndefined();
    const tablesBefore = (before.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    before.close();

    const after4 = openDatabase(path, { migrations: migrations.slice(0, at4 + 1) });
    const tablesAfter = (after4.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    after4.close();
    expect(tablesAfter).toEqual([...tablesBefore, 'llm_cache'].sort());

    // The cache's statements need the later cache migrations too (0007's column).
    const after = openDatabase(path, { migrations });
    try {
      const cache = new ResponseCache(after, () => new Date('2026-11-25T10:00:00Z'));
      cache.store('k1', { fingerprint: 'simulator|http://127.0.0.1:1/v1|m', model: 'm' }, { text: 'Answer: 4', finishReason: 'stop', promptTokens: 10, completionTokens: 3, latencyMs: 12.7 });
      cache.store('k1', { fingerprint: 'f', model: 'm' }, { text: 'different', finishReason: 'stop', promptTokens: 1, completionTokens: 1, latencyMs: 1 });
      expect(cache.lookup(['missing', 'k1'])).toEqual({ text: 'Answer: 4', finishReason: 'stop', promptTokens: 10, completionTokens: 3, latencyMs: 13 });
    } finally {
      after.close();
    }
  });
});

describe('migration 0007 llm_cache.system_fingerprint', () => {
  it('keeps the rows cached before it (no fingerprint) and stores the server fingerprint from then on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'remo-llm-mig-'));
    dirs.push(dir);
    const path = join(dir, 'remo.sqlite');
    const at7 = migrations.findIndex((m) => m.id === 7);
    expect(at7).toBeGreaterThan(0);
    const before = openDatabase(path, { migrations: migrations.slice(0, at7) });
    // A row as the cache wrote it before migration 0007 (its columns then).
    before.prepare(`INSERT INTO llm_cache (key, fingerprint, model, text, thinking, finish_reason, prompt_tokens, completion_tokens, latency_ms, created_at)
      VALUES ('old', 'vllm|http://127.0.0.1:1/v1|m', 'm', 'Answer: 4', NULL, 'stop', 10, 3, 12, '2026-11-25T10:00:00Z')`).run();
    before.close();

    const after = openDatabase(path, { migrations: migrations.slice(0, at7 + 1) });
    try {
      const cache = new ResponseCache(after, () => new Date('2026-11-25T10:00:00Z'));
      expect(cache.lookup(['old'])).toEqual({ text: 'Answer: 4', finishReason: 'stop', promptTokens: 10, completionTokens: 3, latencyMs: 12 });
      cache.store('new', { fingerprint: 'vllm|http://127.0.0.1:1/v1|m', model: 'm' }, { text: 'Answer: 5', finishReason: 'stop', promptTokens: 1, completionTokens: 1, latencyMs: 1, fingerprint: 'remo-simulator' });
      expect(cache.lookup(['new'])?.fingerprint).toBe('remo-simulator');
    } finally {
      after.close();
    }
  });
});
