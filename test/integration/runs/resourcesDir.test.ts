import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/composition/createCore';
import type { RunStartedData } from '../../../shared/events/run/runEventTypes';
import { createTestWorld, smallConfig, type TestWorld } from './runFixtures';

// A packaged app cannot find resources/ from core's own location, so it passes `resourcesDir`;
// this proves both the templates and the built-in dataset then come from that folder.
let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld({ latencyMs: 1 });
});
afterEach(async () => {
  await world.dispose();
});

function firstLines(file: string, count: number): string {
  return readFileSync(file, 'utf8').split('\n').slice(0, count).join('\n') + '\n';
}

it('takes prompt templates and the built-in dataset from CoreOptions.resourcesDir', { timeout: 60_000 }, async () => {
  const resources = join(world.dir, 'resources');
  cpSync('resources/prompts', join(resources, 'prompts'), { recursive: true });
  const manifestPath = join(resources, 'prompts', 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { templates: Record<string, { current: string }> };
  manifest.templates['critic-system']!.current = 'v7';
  writeFileSync(manifestPath, JSON.stringify(manifest));
  cpSync(join(resources, 'prompts', 'critic-system', 'v1.txt'), join(resources, 'prompts', 'critic-system', 'v7.txt'));
  const gsm8k = join(resources, 'datasets', 'gsm8k');
  mkdirSync(gsm8k, { recursive: true });
  writeFileSync(join(gsm8k, 'train.jsonl'), firstLines('resources/datasets/gsm8k/train.jsonl', 30));
  writeFileSync(join(gsm8k, 'test.jsonl'), firstLines('resources/datasets/gsm8k/test.jsonl', 20));

  const core = await createCore({ dbPath: world.dbPath(), resourcesDir: resources });
  try {
    const { runId } = await core.runs.start(smallConfig(world.simulator.url, { epochs: 1, stepsPerEpoch: 1 }));
    await core.runs.waitForRun(runId);
    const started = core.runs.events(runId)[0]!.data as RunStartedData;
    expect(started.templates['critic-system']).toBe('v7');
    expect(started.dataset.itemCount).toBe(50);
  } finally {
    await core.close();
  }
});
