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

    const after = openDatabase(path, { migrations: migrations.slice(0, at4 + 1) });
    try {
      const tablesAfter = (after.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
      expect(tablesAfter).toEqual([...tablesBefore, 'llm_cache'].sort());
      const cache = new ResponseCache(after, () => new Date('2026-11-25T10:00:00Z'));
      cache.store('k1', { fingerprint: 'simulator|http://127.0.0.1:1/v1|m', model: 'm' }, { text: 'Answer: 4', finishReason: 'stop', promptTokens: 10, completionTokens: 3, latencyMs: 12.7 });
      cache.store('k1', { fingerprint: 'f', model: 'm' }, { text: 'different', finishReason: 'stop', promptTokens: 1, completionTokens: 1, latencyMs: 1 });
      expect(cache.lookup(['missing', 'k1'])).toEqual({ text: 'Answer: 4', finishReason: 'stop', promptTokens: 10, completionTokens: 3, latencyMs: 13 });
    } finally {
      after.close();
    }
  });
});
