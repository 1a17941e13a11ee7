import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRunConfig } from '../../../electron/core/runs/validateRunConfig';
import { buildDemoConfig, DEMO_SIZES } from '../../../electron/core/composition/demoConfig';

const CONFIGS = resolve(import.meta.dirname, '../../../resources/configs');
const files = readdirSync(CONFIGS).filter((name) => name.endsWith('.json'));

describe('example configs in resources/configs', () => {
  it.each(files)('%s is a valid run config with no inline key', (file) => {
    const config = validateRunConfig(JSON.parse(readFileSync(join(CONFIGS, file), 'utf8')));
    expect(config.endpoints.every((e) => !('apiKey' in e))).toBe(true);
  });

  it('textgrad-dspy.json is the recipe the engine bench promises', () => {
    const config = validateRunConfig(JSON.parse(readFileSync(join(CONFIGS, 'textgrad-dspy.json'), 'utf8')));
    expect(config).toMatchObject({ method: 'textgrad', preset: 'textgrad-dspy', batchSize: 3, epochs: 3, stepsPerEpoch: 4, validationGate: true, critiqueScope: 'all' });
  });

  it('demo.json matches what `remo demo` runs', () => {
    const fromFile = validateRunConfig(JSON.parse(readFileSync(join(CONFIGS, 'demo.json'), 'utf8')));
    const fromDemo = validateRunConfig(buildDemoConfig({ method: 'remo', size: 'default', seed: 0, simulatorUrl: 'http://127.0.0.1:8808/v1' }));
    expect(fromDemo).toEqual(fromFile);
    expect(Object.keys(DEMO_SIZES)).toContain('tiny');
  });
});
