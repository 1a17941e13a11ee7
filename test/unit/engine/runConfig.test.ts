import { describe, expect, it } from 'vitest';
import { parseRunConfig, RunConfigError } from '../../../electron/core/engine';
import { TEXTGRAD_SEED_PROMPT } from '../../../shared/config/runConfig';

const endpoint = { name: 'local', baseURL: 'http://127.0.0.1:8000/v1', model: 'Qwen/Qwen3-32B' };

describe('parseRunConfig', () => {
  it('fills every default, including the preset\'s schedule and the pinned template versions', () => {
    const config = parseRunConfig({ method: 'textgrad', preset: 'textgrad-dspy', endpoints: [endpoint] });
    expect(config).toMatchObject({
      epochs: 3, batchSize: 3, stepsPerEpoch: 4, validationGate: true, retrievalK: 3, critiqueScope: 'all', qCadence: 'epoch',
      measureSeed: true, initialPrompt: TEXTGRAD_SEED_PROMPT, cache: true, budget: { maxCalls: null, maxTokens: null }, memory: null,
      scorer: { name: 'gsm8k' }, dataset: 'gsm8k',
    });
    // TextGrad's sampling for its roles; REMO's own roles keep theirs.
    const textgrad = { temperature: 0, topP: 0.99, maxTokens: 2000 };
    for (const role of ['solver', 'critic', 'optimizer'] as const) {
      expect(config.roles[role]).toEqual({ endpoint: 'local', sampling: textgrad, disableThinking: true });
    }
    expect(config.roles.lessonWriter.sampling).toEqual({ temperature: 0.3 });
    expect(config.roles.reflector.sampling).toEqual({ temperature: 0.7 });
    expect(config.roles.metaController.sampling).toEqual({ temperature: 0.7 });
    expect(config.roles.embedder.endpoint).toBe('builtin:lexical');
    expect(config.templates['optimizer-instructions']).toBe('v2');
    expect(config.initialOptimizerInstructions).toContain('<IMPROVED_VARIABLE>');
    // The seed Q is TextGrad's instruction: nothing of REMO's "keep it general" (the meta-controller's job).
    expect(config.initialOptimizerInstructions).not.toMatch(/general|unseen|overfit/i);
    // Idempotent: a resolved config parses to itself (forks re-parse the parent's config).
    expect(parseRunConfig(config)).toEqual(config);
  });

  it('paper presets run full passes without the gate', () => {
    expect(parseRunConfig({ method: 'remo', preset: 'paper-100' })).toMatchObject({ stepsPerEpoch: null, validationGate: false, epochs: 3 });
  });

  it.each([
    [{ method: 'remo' }, 'preset'],
    [{ method: 'remo', preset: 'paper-100', epochs: 0 }, 'epochs'],
    [{ method: 'remo', preset: 'paper-100', endpoints: [{ ...endpoint, baseURL: 'nope' }] }, 'endpoints.0.baseURL'],
    [{ method: 'remo', preset: 'paper-100', memory: { fromRunId: 'x', atEpoch: 1, atPosition: 3 } }, 'memory.atEpoch'],
    [{ method: 'remo', preset: 'paper-100', templates: { solver: 'v1' } }, 'templates.solver'],
    [{ method: 'remo', preset: 'paper-100', budget: { maxCalls: 0 } }, 'budget.maxCalls'],
  ])('%j fails naming %s', (json, field) => {
    try {
      parseRunConfig(json);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RunConfigError);
      expect((error as RunConfigError).message).toContain(field);
    }
  });
});

/** Endpoints, sampling and role bindings: checked by the run config's schema (the only one). */
describe('parseRunConfig: endpoints and role bindings', () => {
  const issuesOf = (json: unknown) => {
    try {
      parseRunConfig(json);
    } catch (error) {
      if (error instanceof RunConfigError) return error.issues;
      throw error;
    }
    return [];
  };
  const paths = (json: unknown) => issuesOf(json).map((issue) => issue.path);

  it('names each bad endpoint field in its own issue', () => {
    expect(paths({ method: 'remo', preset: 'paper-100', endpoints: [{ ...endpoint, kind: 'tgi', concurrency: 0, baseURL: 'localhost' }] }))
      .toEqual(expect.arrayContaining(['endpoints.0.kind', 'endpoints.0.concurrency', 'endpoints.0.baseURL']));
  });

  it('rejects sampling out of range, naming the role', () => {
    const roles = { solver: { sampling: { temperature: 3 } }, critic: { sampling: { topP: 0 } }, optimizer: { sampling: { maxTokens: 0 } } };
    expect(paths({ method: 'remo', preset: 'paper-100', endpoints: [endpoint], roles })).toEqual(expect.arrayContaining([
      'roles.solver.sampling.temperature', 'roles.critic.sampling.topP', 'roles.optimizer.sampling.maxTokens',
    ]));
  });

  it('rejects a role bound to nothing, and duplicate endpoint names', () => {
    const issues = issuesOf({ method: 'remo', preset: 'paper-100', endpoints: [endpoint, endpoint], roles: { critic: { endpoint: 'nowhere' } } });
    expect(issues).toEqual(expect.arrayContaining([
      { path: 'endpoints', message: 'endpoint names must be unique' },
      { path: 'roles.critic.endpoint', message: 'no endpoint or group named "nowhere"' },
    ]));
  });

  it('accepts a group name as a role target', () => {
    const replicas = [
      { ...endpoint, name: 'r1', group: 'qwen' },
      { ...endpoint, name: 'r2', baseURL: 'http://127.0.0.1:8001/v1', group: 'qwen' },
    ];
    const config = parseRunConfig({ method: 'remo', preset: 'paper-100', endpoints: replicas, roles: { solver: { endpoint: 'qwen' } } });
    expect(config.roles.solver.endpoint).toBe('qwen');
  });
});
