import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRun, executeRun } from '../../../electron/core/engine';
import type { CritiqueWrittenData, EvaluationCompletedData, PromptAcceptedData, PromptRejectedData, TrainBatchAnsweredData } from '../../../shared/events/run/runEventTypes';
import { createEngineWorld, smallEngineConfig, type EngineWorld } from './engineTestKit';

let world: EngineWorld;
beforeAll(async () => { world = await createEngineWorld(); });
afterAll(async () => { await world.dispose(); });

async function run(overrides: Record<string, unknown>) {
  const config = smallEngineConfig(world.simulator.url, { cache: false, ...overrides });
  const deps = world.deps(config);
  const { runId } = await createRun(deps, config);
  expect((await executeRun(deps, runId)).status).toBe('completed');
  return world.store.readStream(runId);
}

describe("the baseline is TextGrad's recipe", () => {
  it.each(['textgrad', 'remo'] as const)('%s critiques every item of every step, right or wrong, with two critic calls each, and updates every step', async (method) => {
    const events = await run({ method, epochs: 2, stepsPerEpoch: 3 });
    const batches = events.filter((e) => e.type === 'TrainBatchAnswered').map((e) => e.data as TrainBatchAnsweredData);
    const critiques = events.filter((e) => e.type === 'CritiqueWritten').map((e) => e.data as CritiqueWrittenData);
    expect(events.some((e) => e.type === 'CritiqueSkipped')).toBe(false);
    expect(critiques).toHaveLength(batches.length);
    // A step whose answers were all right is critiqued too (TextGrad does not skip it).
    expect(batches.some((b) => b.items.every((i) => i.correct))).toBe(true);
    critiques.forEach((c, i) => {
      expect(c.scope).toBe('all');
      expect(c.perItem!.map((p) => p.itemId)).toEqual(batches[i]!.items.map((item) => item.itemId));
      expect(c.calls.filter((call) => call.role === 'critic')).toHaveLength(2 * batches[i]!.items.length);
    });
    const updates = events.filter((e) => e.type === 'PromptCandidateProposed' || e.type === 'PromptUpdateFailed');
    expect(updates).toHaveLength(batches.length);
  });

  it('critiqueScope failures (the REMO-side option) skips steps without a wrong answer', async () => {
    const events = await run({ method: 'remo', critiqueScope: 'failures', epochs: 2, stepsPerEpoch: 3 });
    const batches = events.filter((e) => e.type === 'TrainBatchAnswered').map((e) => e.data as TrainBatchAnsweredData);
    const skipped = events.filter((e) => e.type === 'CritiqueSkipped').length;
    expect(skipped).toBe(batches.filter((b) => b.items.every((i) => i.correct)).length);
    expect(skipped).toBeGreaterThan(0);
  });
});

describe('the validation gate compares like with like', () => {
  it('a notebook method scores the accepted prompt again with today\'s notebook before judging a candidate', async () => {
    const events = await run({ method: 'remo-rag', validationGate: true, epochs: 2, stepsPerEpoch: 3 });
    let revision = 0;
    let baselineRevision: number | null = null;
    let baselineAccuracy: number | null = null;
    let candidateRevision: number | null = null;
    let remeasured = 0;
    let gates = 0;
    for (const e of events) {
      if (e.type === 'NotebookEntryWritten') revision += 1;
      if (e.type === 'EvaluationCompleted') {
        const d = e.data as EvaluationCompletedData;
        if (d.label === 'seed-val' || d.label === 'epoch-val' || d.label === 'gate-baseline') [baselineRevision, baselineAccuracy] = [revision, d.accuracy];
        if (d.label === 'gate-baseline' && revision > 0) remeasured += 1;
        if (d.label === 'gate-candidate') {
          gates += 1;
          // The baseline the gate compares with was measured with this very notebook.
          expect(baselineRevision).toBe(revision);
          candidateRevision = revision;
        }
      }
      if (e.type === 'PromptRejected') {
        expect((e.data as PromptRejectedData).acceptedVal).toBe(baselineAccuracy);
        baselineRevision = candidateRevision;
      }
      if (e.type === 'PromptAccepted' && (e.data as PromptAcceptedData).gated) {
        const d = e.data as PromptAcceptedData;
        expect(d.previousVal).toBe(baselineAccuracy);
        [baselineRevision, baselineAccuracy] = [candidateRevision, d.candidateVal];
      }
    }
    expect(gates).toBeGreaterThan(0);
    expect(remeasured).toBeGreaterThan(0);
  });

  it('a method without a notebook keeps the last measured baseline (nothing to re-score)', async () => {
    const events = await run({ method: 'textgrad', validationGate: true, epochs: 2, stepsPerEpoch: 3 });
    const labels = events.filter((e) => e.type === 'EvaluationCompleted').map((e) => (e.data as EvaluationCompletedData).label);
    expect(labels).toContain('gate-candidate');
    expect(labels).not.toContain('gate-baseline');
  });
});
