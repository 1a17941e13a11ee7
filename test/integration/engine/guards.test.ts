import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRun, executeRun, runSummary, stateAt } from '../../../electron/core/engine';
import { loadRunState } from '../../../electron/core/engine/loadRunState';
import type { ChatRequest, LlmGateway } from '../../../electron/core/llm/types';
import { createEngineWorld, smallEngineConfig, type EngineWorld } from './engineTestKit';

let world: EngineWorld;
beforeAll(async () => { world = await createEngineWorld({ seed: 2 }); });
afterAll(async () => { await world.dispose(); });

/** The real gateway, with one role's replies replaced. */
function overrideRole(llm: LlmGateway, role: ChatRequest['role'], reply: string): LlmGateway {
  return {
    embeddingDimensions: llm.embeddingDimensions,
    embed: (texts, options) => llm.embed(texts, options),
    testConnection: (name) => llm.testConnection(name),
    async chat(request) {
      const result = await llm.chat(request);
      return request.role === role ? { ...result, text: reply } : result;
    },
  };
}

describe('budgets', () => {
  it('stops cleanly with a reason when the call budget is reached', async () => {
    const config = smallEngineConfig(world.simulator.url, { method: 'textgrad', cache: false, budget: { maxCalls: 25 } });
    const deps = world.deps(config);
    const { runId } = await createRun(deps, config);
    const outcome = await executeRun(deps, runId);
    expect(outcome.status).toBe('stopped');
    expect(outcome.reason).toMatch(/call budget reached/);
    const events = world.store.readStream(runId);
    expect(events.at(-1)!.type).toBe('RunStopped');
    expect(events.at(-1)!.data).toMatchObject({ kind: 'budget' });
    const state = loadRunState(world.store.readStream.bind(world.store), runId);
    expect(state.billed.calls).toBeGreaterThanOrEqual(25);
    expect(state.billed.calls).toBeLessThan(25 + 9); // at most one phase past the limit
    expect(runSummary(world.store.db, runId)).toMatchObject({ status: 'stopped' });
    // A stopped run stays stopped.
    expect((await executeRun(deps, runId)).status).toBe('stopped');
  });

  it('stops on the token budget', async () => {
    const config = smallEngineConfig(world.simulator.url, { method: 'remo', cache: false, budget: { maxTokens: 5000 } });
    const deps = world.deps(config);
    const { runId } = await createRun(deps, config);
    const outcome = await executeRun(deps, runId);
    expect(outcome.status).toBe('stopped');
    expect(outcome.reason).toMatch(/token budget reached/);
    expect(loadRunState(world.store.readStream.bind(world.store), runId).billed.tokens).toBeGreaterThanOrEqual(5000);
  });
});

describe('bad configs', () => {
  it.each([
    [{ method: 'nope' }, /method/],
    [{ batchSize: 0 }, /batchSize/],
    [{ split: undefined, preset: undefined }, /preset/],
    [{ roles: { solver: { endpoint: 'missing' } } }, /roles\.solver\.endpoint/],
    [{ retrievalK: -1 }, /retrievalK/],
    [{ split: { train: 99999, val: 9, test: 9 } }, /split/],
    [{ unknownKnob: 1 }, /unknownKnob|unrecognized/i],
  ])('%j is rejected with the field named, and nothing is written', async (overrides, message) => {
    const before = world.store.lastGlobalPosition();
    const config = smallEngineConfig(world.simulator.url, overrides as Record<string, unknown>);
    await expect(createRun(world.deps(smallEngineConfig(world.simulator.url)), config)).rejects.toThrow(message);
    expect(world.store.lastGlobalPosition()).toBe(before);
  });
});

describe('validation gate', () => {
  it('rejects a worse candidate, records both scores, and keeps the last accepted prompt', async () => {
    const config = smallEngineConfig(world.simulator.url, { method: 'textgrad', validationGate: true, critiqueScope: 'all', epochs: 1 });
    const deps = world.deps(config);
    // A candidate without the answer-format line and without step-by-step: the simulator scores it lower.
    deps.llm = overrideRole(deps.llm, 'optimizer', '<IMPROVED_VARIABLE>Answer fast.</IMPROVED_VARIABLE>');
    const { runId } = await createRun(deps, config);
    expect((await executeRun(deps, runId)).status).toBe('completed');
    const events = world.store.readStream(runId);
    const rejected = events.filter((e) => e.type === 'PromptRejected').map((e) => e.data as { candidateVal: number; acceptedVal: number; restoredVersion: number });
    expect(rejected.length).toBeGreaterThan(0);
    for (const r of rejected) {
      expect(r.candidateVal).toBeLessThan(r.acceptedVal);
      expect(r.restoredVersion).toBe(0);
    }
    expect(events.some((e) => e.type === 'PromptAccepted')).toBe(false);
    const end = stateAt(world.store, runId, 'end');
    expect(end.prompt.version).toBe(0);
    expect(end.prompt.text).toContain('mathemetical');
    // The next forward pass used the accepted prompt, not the rejected candidate.
    const firstReject = events.find((e) => e.type === 'PromptRejected')!;
    const nextAnswer = events.find((e) => e.globalPosition > firstReject.globalPosition && e.type === 'SolverAnswered');
    if (nextAnswer) expect((nextAnswer.data as { response: string }).response).toMatch(/step by step|Answer:/);
  });
});

describe('meta-controller contract', () => {
  it('a new Q without the <IMPROVED_VARIABLE> instruction is rejected and recorded; Q stays', async () => {
    const config = smallEngineConfig(world.simulator.url, { method: 'remo-optimizer', epochs: 1 });
    const deps = world.deps(config);
    deps.llm = overrideRole(deps.llm, 'metaController', '<OPTIMIZER_INSTRUCTIONS>Make the prompt shorter.</OPTIMIZER_INSTRUCTIONS>');
    const { runId } = await createRun(deps, config);
    expect((await executeRun(deps, runId)).status).toBe('completed');
    const rejected = world.store.readStream(runId).find((e) => e.type === 'OptimizerInstructionsRejected');
    expect(rejected?.data).toMatchObject({ epoch: 1, proposed: expect.stringContaining('shorter'), reason: expect.stringMatching(/tag contract/) });
    expect(stateAt(world.store, runId, 'end').optimizerInstructions.version).toBe(0);
  });
});

describe('update parsing', () => {
  it('a hopeless optimizer reply is retried, then P is kept and the reason recorded', async () => {
    const config = smallEngineConfig(world.simulator.url, { method: 'textgrad', epochs: 1, critiqueScope: 'all', maxUpdateRetries: 2 });
    const deps = world.deps(config);
    deps.llm = overrideRole(deps.llm, 'optimizer', '<think>hmm</think>   ');
    const { runId } = await createRun(deps, config);
    expect((await executeRun(deps, runId)).status).toBe('completed');
    const failed = world.store.readStream(runId).filter((e) => e.type === 'PromptUpdateFailed').map((e) => e.data as { attempts: unknown[]; calls: unknown[]; reason: string });
    expect(failed.length).toBe(2);
    for (const f of failed) {
      expect(f.attempts).toHaveLength(3);
      expect(f.calls).toHaveLength(3);
      expect(f.reason).toMatch(/empty reply/);
    }
  });
});
