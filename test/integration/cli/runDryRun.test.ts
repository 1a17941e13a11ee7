import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '../../../shared/config/runConfig';
import { createTestWorld, smallConfig, type TestWorld } from '../runs/runFixtures';
import { lastJsonLine, ROOT, runRemo, writeJson } from './cliHarness';

const CONFIGS = join(ROOT, 'resources', 'configs');

/** `remo run --config FILE --dry-run --json`: the resolved config, as RunStarted would record it. */
async function dryRun(file: string, db: string): Promise<RunConfig> {
  const result = await runRemo(['run', '--config', file, '--db', db, '--dry-run', '--json']);
  expect(result.code, result.stderr).toBe(0);
  const json = lastJsonLine(result.stdout) as { dryRun: boolean; config: RunConfig };
  expect(json.dryRun).toBe(true);
  return json.config;
}

/** Top-level keys whose values differ between two resolved configs. */
function differingKeys(a: RunConfig, b: RunConfig): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => JSON.stringify(a[key as keyof RunConfig]) !== JSON.stringify(b[key as keyof RunConfig])).sort();
}

/**
 * What may differ between the rows of one comparison: `method` (it alone switches the notebook and
 * the meta-controller on or off) and `name` (a label). Resolution adds no per-method field, so the
 * list of fields "the method implies" is empty; a new one must be named here on purpose.
 */
const MAY_DIFFER = ['method', 'name'];

describe('remo run --dry-run', { timeout: 90_000 }, () => {
  let world: TestWorld;
  beforeAll(async () => { world = await createTestWorld({ latencyMs: 1 }); });
  afterAll(async () => { await world.dispose(); });

  it('prints the fully resolved config and neither creates nor changes the database', async () => {
    const config = writeJson(join(world.dir, 'small.json'), smallConfig(world.simulator.url, { method: 'textgrad' }));
    const missing = world.dbPath('never-created.db');
    const resolved = await dryRun(config, missing);
    expect(existsSync(missing)).toBe(false);
    expect(resolved).toMatchObject({ method: 'textgrad', critiqueScope: 'all', epochs: 2, batchSize: 3, memory: null });
    expect(resolved.roles.critic.sampling).toEqual({ temperature: 0, topP: 0.99, maxTokens: 2000 });
    expect(resolved.templates['optimizer-instructions']).toMatch(/^v\d+$/);
    expect(resolved.initialOptimizerInstructions).toContain('<IMPROVED_VARIABLE>');

    // An existing database keeps every byte: a real run first, then a dry run against it.
    const db = world.dbPath('existing.db');
    expect((await runRemo(['run', '--config', config, '--db', db, '--json'])).code).toBe(0);
    const digest = () => [db, `${db}-wal`].map((f) => (existsSync(f) ? createHash('sha256').update(readFileSync(f)).digest('hex') : 'absent')).join();
    const before = digest();
    await dryRun(config, db);
    expect(digest()).toBe(before);
  });

  it('the four paper-full configs differ only in method (and their name)', async () => {
    const db = world.dbPath('unused.db');
    const rows = await Promise.all(['textgrad', 'remo-rag', 'remo-optimizer', 'remo'].map((m) => dryRun(join(CONFIGS, `paper-full-${m}.json`), db)));
    expect(rows.map((r) => r.method)).toEqual(['textgrad', 'remo-rag', 'remo-optimizer', 'remo']);
    for (const row of rows.slice(1)) expect(differingKeys(rows[0]!, row).filter((key) => !MAY_DIFFER.includes(key))).toEqual([]);
    // The shared base is TextGrad's recipe: every item critiqued, TextGrad's sampling for its roles.
    for (const row of rows) {
      expect(row.critiqueScope).toBe('all');
      for (const role of ['solver', 'critic', 'optimizer'] as const) expect(row.roles[role].sampling).toEqual({ temperature: 0, topP: 0.99, maxTokens: 2000 });
    }
    expect(existsSync(db)).toBe(false);
  });

  it('so do the paper-100 pair and the textgrad-dspy pair', async () => {
    const db = world.dbPath('unused2.db');
    for (const [a, b] of [['paper-100-textgrad.json', 'paper-100-remo.json'], ['textgrad-dspy.json', 'remo-dspy.json']] as const) {
      const [left, right] = await Promise.all([dryRun(join(CONFIGS, a), db), dryRun(join(CONFIGS, b), db)]);
      expect(differingKeys(left, right).filter((key) => !MAY_DIFFER.includes(key))).toEqual([]);
      expect(left.critiqueScope).toBe('all');
    }
  });
});
