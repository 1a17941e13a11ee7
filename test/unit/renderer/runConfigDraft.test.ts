import { describe, expect, it } from 'vitest';
import { baseConfigOf, CUSTOM_SIZES, INITIAL_DRAFT, runConfigOf } from '../../../renderer/views/runConfig/runConfigDraft';
import { TEXTGRAD_SEED_PROMPT } from '../../../shared/config/runConfig';

describe('the run-config draft', () => {
  it('a single run: method, name, the preset and epochs; the host keeps its default endpoints', () => {
    expect(runConfigOf({ ...INITIAL_DRAFT, name: '  mine ' })).toEqual({ method: 'remo', name: 'mine', preset: 'textgrad-dspy', epochs: 3 });
    expect(runConfigOf(INITIAL_DRAFT)).not.toHaveProperty('name');
  });

  it('an experiment base has neither method nor name; custom sizes replace the preset', () => {
    const base = baseConfigOf({ ...INITIAL_DRAFT, sizes: CUSTOM_SIZES, split: { train: '6', val: '8', test: '10' }, epochs: '1', stepsPerEpoch: '2' });
    expect(base).toEqual({ split: { train: 6, val: 8, test: 10 }, epochs: 1, stepsPerEpoch: 2 });
  });

  it('an empty number field goes to the core as NaN (it names the field); an own server names its key variable, never a key', () => {
    const config = runConfigOf({
      ...INITIAL_DRAFT,
      epochs: '',
      prompt: `${TEXTGRAD_SEED_PROMPT} Be brief.`,
      server: { kind: 'vllm', baseURL: ' http://gpu:8000/v1 ', model: 'Qwen/Qwen3-32B', apiKeyEnv: 'MY_KEY', concurrency: '16' },
      memory: { fromRunId: 'r1', atEpoch: '2', notebook: true, optimizerInstructions: false },
    });
    expect(config.epochs).toBeNaN();
    expect(config.initialPrompt).toBe(`${TEXTGRAD_SEED_PROMPT} Be brief.`);
    expect(config.endpoints).toEqual([{ name: 'server', kind: 'vllm', baseURL: 'http://gpu:8000/v1', model: 'Qwen/Qwen3-32B', concurrency: 16, apiKeyEnv: 'MY_KEY' }]);
    expect(config.memory).toEqual({ fromRunId: 'r1', notebook: true, optimizerInstructions: false, atEpoch: 2 });
  });
});
