import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRun, executeRun, runSummary, runUsageByRole, stateAt } from '../../../electron/core/engine';
import { loadRunState } from '../../../electron/core/engine/loadRunState';
import { checksumProjectionTables } from '../../../electron/core/projections/checksumProjectionTables';
import { rebuildProjections } from '../../../electron/core/projections/rebuildProjections';
import { createEngineWorld, smallEngineConfig, type EngineWorld } from './engineTestKit';

let world: EngineWorld;
beforeAll(async () => { world = await createEngineWorld(); });
afterAll(async () => { await world.dispose(); });

const typesOf = (runId: string) => world.store.readStream(runId).map((e) => e.type);

describe('each method end to end against the simulator', () => {
  it.each([
    ['textgrad', { notebook: false, adaptive: false }],
    ['remo-rag', { notebook: true, adaptive: false }],
    ['remo-optimizer', { notebook: false, adaptive: true }],
    ['remo', { notebook: true, adaptive: true }],
  ] as const)('%s completes with the steps its row of the table prescribes', async (method, expected) => {
    const config = smallEngineConfig(world.simulator.url, { method, cache: false });
    const deps = world.deps(config);
    const { runId } = await createRun(deps, config);
    const outcome = await executeRun(deps, runId);
    expect(outcome.status).toBe('completed');

    const types = typesOf(runId);
    expect(types[0]).toBe('RunStarted');
    expect(types.at(-1)).toBe('RunCompleted');
    expect(types.includes('NotebookUpdated')).toBe(expected.notebook);
    expect(types.includes('ReflectionWritten')).toBe(expected.adaptive);
    expect(types.filter((t) => t === 'OptimizerInstructionsUpdated' || t === 'OptimizerInstructionsRejected').length).toBe(expected.adaptive ? 2 : 0);
    expect(types.filter((t) => t === 'TrainBatchAnswered')).toHaveLength(4);
    expect(types.filter((t) => t === 'EpochCompleted')).toHaveLength(3); // seed (0) + 2 epochs

    const summary = runSummary(world.store.db, runId);
    expect(summary).toMatchObject({ method, status: 'completed', epochsDone: 2, epochsPlanned: 2, simulated: true });
    for (const key of ['seedVal', 'seedTest', 'val', 'test', 'testPromptOnly'] as const) expect(summary[key]).toBeTypeOf('number');
    expect(summary.valPromptOnly === null).toBe(!expected.notebook);
    const evaluations = world.store.readStream(runId).filter((e) => e.type === 'EvaluationCompleted').map((e) => e.data as { label: string; withNotebook: boolean });
    // Notebook methods also score P alone on val, next to every val of the system (seed and epochs).
    const val = (label: string) => (expected.notebook ? [label, 'val-prompt-only'] : [label]);
    // The seed's test score is measured in the background and lands right before epoch 1 closes.
    expect(evaluations.map((e) => e.label)).toEqual(
      [...val('seed-val'), ...val('epoch-val'), 'seed-test', ...val('epoch-val'), 'test', ...(expected.notebook ? ['test-prompt-only'] : [])]);
    if (expected.notebook) expect(evaluations.find((e) => e.label === 'test-prompt-only')?.withNotebook).toBe(false);
    for (const e of evaluations.filter((x) => x.label === 'val-prompt-only')) expect(e.withNotebook).toBe(false);

    // Read models agree with the fold, and usage covers every role that was called.
    const state = loadRunState(world.store.readStream.bind(world.store), runId);
    expect(summary.usage).toEqual(state.usage);
    const byRole = runUsageByRole(world.store.db, runId);
    expect(Object.keys(byRole).sort()).toEqual(Object.keys(state.usageByRole).sort());
    expect(byRole.solver!.calls).toBe(state.usageByRole.solver!.calls);
    const view = stateAt(world.store, runId, 'end');
    expect(view.status).toBe('completed');
    expect(view.metrics.map((m) => m.epoch)).toEqual([0, 1, 2]);
    if (!expected.notebook) expect(view.notebook).toEqual([]);
    // Records: val without the notebook beside val with it, the best-val checkpoint, usage per role.
    for (const m of view.metrics) expect(m.valPromptOnly === null).toBe(!expected.notebook);
    const best = Math.max(...view.metrics.map((m) => m.val!));
    const firstBest = view.metrics.find((m) => m.val === best)!;
    expect(view.bestVal).toMatchObject({ epoch: firstBest.epoch, accuracy: best, promptVersion: firstBest.promptVersion, position: firstBest.position });
    expect(view.usageByRole.critic!.calls).toBe(state.usageByRole.critic!.calls);
    expect(view.usageByRole.solver!.seconds).toBeCloseTo(state.usageByRole.solver!.latencyMs / 1000, 2);
  });

  it('RunStarted records every config value, the dataset hash, split ids and template versions, and no API key', async () => {
    const config = smallEngineConfig(world.simulator.url, { method: 'textgrad' });
    const { runId } = await createRun(world.deps(config), {
      ...config, endpoints: [{ ...(config.endpoints as object[])[0], apiKeyEnv: 'REMO_TEST_KEY' }],
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a deep look into recorded JSON
    const started = world.store.readStream(runId)[0]!.data as Record<string, any>;
    expect(started.dataset.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(started.split.train).toHaveLength(12);
    expect(started.split.val).toHaveLength(9);
    expect(started.split.test).toHaveLength(9);
    expect(started.templates['solver-user']).toBe('v1');
    expect(started.config).toMatchObject({ retrievalK: 3, critiqueScope: 'all', qCadence: 'epoch', measureSeed: true, validationGate: false });
    expect(started.config.initialPrompt).toContain('mathemetical');
    expect(started.config.initialOptimizerInstructions).toContain('<IMPROVED_VARIABLE>');
    expect(started.config.endpoints[0].apiKeyEnv).toBe('REMO_TEST_KEY');
    expect(JSON.stringify(started)).not.toMatch(/"apiKey"/);
  });

  it('rebuilding the projections from the log gives the same tables', () => {
    const projections = world.store.projections;
    const before = checksumProjectionTables(world.store.db, projections);
    rebuildProjections(world.store.db, world.store, projections);
    expect(checksumProjectionTables(world.store.db, projections)).toBe(before);
  });
});
