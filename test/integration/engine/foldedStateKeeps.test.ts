import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRun, executeRun } from '../../../electron/core/engine';
import { loadRunState } from '../../../electron/core/engine/loadRunState';
import { toRunStateView } from '../../../shared/fold/toRunStateView';
import { createEngineWorld, smallEngineConfig } from './engineTestKit';

/**
 * The folded end state of a run, recorded before measurements (the seed's test score, the notebook
 * methods' prompt-only test) moved off the critical path. Moving them changes WHEN their events are
 * appended, never WHAT the run computes: every score, prompt, notebook entry, usage total and
 * evaluation must fold to exactly what the sequential engine produced. Positions (which events
 * moved) and timings are left out. `REMO_UPDATE_GOLDEN=1` rewrites the file (only when the run's
 * results are meant to change, e.g. a new prompt template).
 */
const GOLDEN = join(import.meta.dirname, 'fixtures', 'foldedStateGolden.json');
const CASES: Record<string, Record<string, unknown>> = {
  'remo, gate, Q per minibatch': { method: 'remo', validationGate: true, qCadence: 'minibatch' },
  'textgrad, gate': { method: 'textgrad', validationGate: true },
  'remo-rag, one epoch, no cache': { method: 'remo-rag', epochs: 1, cache: false },
};

const POSITION_KEYS = new Set(['position', 'createdAt', 'updatedAt', 'latencyMs', 'seconds']);
function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !POSITION_KEYS.has(k)).map(([k, v]) => [k, withoutPositions(v)]));
  }
  return value;
}

async function foldedFacts(overrides: Record<string, unknown>): Promise<unknown> {
  // Jitter: replies complete out of order, so a background measurement overlaps the steps.
  const world = await createEngineWorld({ seed: 5, latencyMs: 2, jitterMs: 6 });
  try {
    const config = smallEngineConfig(world.simulator.url, overrides);
    const deps = world.deps(config);
    const { runId } = await createRun(deps, config);
    expect((await executeRun(deps, runId)).status).toBe('completed');
    const events = world.store.readStream(runId);
    const state = loadRunState(world.store.readStream.bind(world.store), runId);
    const { runId: _id, ...view } = toRunStateView(state);
    const evaluations = events.filter((e) => e.type === 'EvaluationCompleted').map((e) => JSON.stringify(withoutPositions(e.data))).sort();
    const types: Record<string, number> = {};
    for (const e of events) types[e.type] = (types[e.type] ?? 0) + 1;
    const answers = [...state.answers].sort(([a], [b]) => a.localeCompare(b));
    return {
      view: withoutPositions(view),
      accuracies: state.accuracies,
      billed: state.billed,
      evaluations: evaluations.map((e) => JSON.parse(e) as unknown),
      types,
      answers: createHash('sha256').update(JSON.stringify(answers)).digest('hex'),
    };
  } finally {
    await world.dispose();
  }
}

describe('the folded end state does not depend on when measurements are appended', () => {
  const golden = process.env.REMO_UPDATE_GOLDEN ? {} : (JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>);
  const recorded: Record<string, unknown> = {};
  it.each(Object.keys(CASES))('%s: the same state as the sequential engine', async (name) => {
    const facts = await foldedFacts(CASES[name]!);
    recorded[name] = facts;
    if (process.env.REMO_UPDATE_GOLDEN) {
      if (Object.keys(recorded).length === Object.keys(CASES).length) writeFileSync(GOLDEN, `${JSON.stringify(recorded, null, 1)}\n`);
      return;
    }
    expect(facts).toEqual(golden[name]);
  });
});
