import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/composition/createCore';
import { TIMELINE_PHASES } from '../../../shared/api/timelineViews';
import { createTestWorld, smallConfig, type TestWorld } from '../runs/runFixtures';

/**
 * The run view's read side on a real run (real SQLite, simulator over loopback): every answer is
 * checked against the run's own log, read the slow way.
 */
describe('timeline queries', { timeout: 120_000 }, () => {
  let world: TestWorld;
  let core: Core;
  let runId: string;
  let forkId: string;

  beforeAll(async () => {
    world = await createTestWorld({ latencyMs: 2 });
    core = await createCore({ dbPath: world.dbPath() });
    ({ runId } = await core.runs.start(smallConfig(world.simulator.url, { method: 'remo' })));
    await core.runs.waitForRun(runId);
    ({ runId: forkId } = await core.runs.fork(runId, { epoch: 1 }, { epochs: 3 }));
    await core.runs.waitForRun(forkId);
  });
  afterAll(async () => {
    await core.close();
    await world.dispose();
  });

  it('indexes every event of the logical log with its type, phase, epoch and step', () => {
    const events = core.runs.events(runId, { limit: 100_000 });
    const index = core.timeline.timeline(runId);
    expect(index.positions).toEqual(events.map((e) => e.globalPosition));
    expect(index.types.map((t) => index.typeNames[t])).toEqual(events.map((e) => e.type));
    const phaseOf = (type: string) => TIMELINE_PHASES[index.phases[events.findIndex((e) => e.type === type)]!];
    expect(phaseOf('CritiqueWritten')).toBe('critique');
    expect(phaseOf('PromptCandidateProposed')).toBe('update');
    expect(phaseOf('NotebookEntryWritten')).toBe('notebook');
    expect(phaseOf('ReflectionWritten')).toBe('reflect');
    expect(phaseOf('RunStarted')).toBe('control');
    const critique = events.find((e) => e.type === 'CritiqueWritten')!;
    const at = index.positions.indexOf(critique.globalPosition);
    expect([index.epochs[at], index.steps[at]]).toEqual([(critique.data as { epoch: number }).epoch, (critique.data as { step: number }).step]);
    // Calls per event equal the call records in the payload.
    const callsInLog = events.reduce((sum, e) => sum + ((e.data as { calls?: unknown[] }).calls?.length ?? 0), 0);
    expect(index.calls.reduce((a, b) => a + b, 0)).toBe(callsInLog);
    expect(index.epochEnds.map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect(index.lastPosition).toBe(events.at(-1)!.globalPosition);
    expect(index.forks.map((f) => f.runId)).toEqual([forkId]);
  });

  it('gives a fork its parent prefix, its own events, and the fork point', () => {
    const events = core.runs.events(forkId, { limit: 100_000 });
    const index = core.timeline.timeline(forkId);
    expect(index.positions).toEqual(events.map((e) => e.globalPosition));
    const epoch1End = core.timeline.timeline(runId).epochEnds.find((e) => e.epoch === 1)!.position;
    expect(index.forkedAt).toEqual({ parentRunId: runId, position: epoch1End });
    expect(index.epochEnds.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
    const tail = core.timeline.timeline(forkId, epoch1End);
    expect(tail.positions[0]).toBeGreaterThan(epoch1End);
    expect(tail.positions).toEqual(index.positions.filter((p) => p > epoch1End));
  });

  it('lists P and Q versions that match stateAt at their positions', () => {
    const versions = core.timeline.versions(runId);
    const prompts = versions.filter((v) => v.kind === 'prompt');
    expect(prompts[0]).toMatchObject({ status: 'initial', version: 0, parentVersion: null });
    for (const version of versions.filter((v) => v.status === 'accepted')) {
      const state = core.runs.stateAt(runId, { position: version.position });
      const current = version.kind === 'prompt' ? state.prompt : state.optimizerInstructions;
      expect(current).toEqual({ version: version.version, text: version.text });
      const parent = versions.filter((v) => v.kind === version.kind && v.position < version.position && v.version !== null && v.status !== 'rejected' && v.status !== 'failed').at(-1)!;
      expect(version.parentVersion).toBe(parent.version);
      expect(version.unchanged).toBe(parent.text === version.text);
    }
    expect(versions.some((v) => v.kind === 'optimizer' && v.status === 'accepted')).toBe(true);
    // The fork shows the parent's history up to the fork point, without a duplicate "inherited" row.
    const forkVersions = core.timeline.versions(forkId);
    expect(forkVersions.some((v) => v.status === 'inherited')).toBe(false);
    expect(forkVersions[0]).toEqual(versions[0]);
  });

  it('serves metric series stamped with positions', () => {
    const series = core.timeline.metrics(runId);
    const events = core.runs.events(runId, { limit: 100_000 });
    const batches = events.filter((e) => e.type === 'TrainBatchAnswered');
    expect(series.trainBatches.map((b) => b.position)).toEqual(batches.map((e) => e.globalPosition));
    const evals = events.filter((e) => e.type === 'EvaluationCompleted');
    expect(series.evaluations.map((e) => [e.position, e.label, e.accuracy])).toEqual(
      evals.map((e) => [e.globalPosition, (e.data as { label: string }).label, (e.data as { accuracy: number }).accuracy]));
    // The token curve ends at the last call with the run's whole token count, and never falls.
    const curve = series.tokens;
    const tokens = curve.tokens.reduce((sum, role) => sum + role.at(-1)!, 0);
    const summary = core.runs.summary(runId);
    expect(tokens).toBe(summary.usage.promptTokens + summary.usage.completionTokens);
    for (const role of curve.tokens) for (let i = 1; i < role.length; i += 1) expect(role[i]).toBeGreaterThanOrEqual(role[i - 1]!);
    expect(curve.positions.length).toBeLessThanOrEqual(240);
    // At a sampled position the curve equals the sum of the calls' tokens up to there, per role.
    const at = curve.positions[Math.floor(curve.positions.length / 2)]!;
    const byRole = new Map<string, number>();
    for (const e of events.filter((x) => x.globalPosition <= at)) {
      for (const call of (e.data as { calls?: { role: string; promptTokens: number; completionTokens: number }[] }).calls ?? []) {
        byRole.set(call.role, (byRole.get(call.role) ?? 0) + call.promptTokens + call.completionTokens);
      }
    }
    curve.roles.forEach((role, r) => expect(curve.tokens[r]![curve.positions.indexOf(at)]).toBe(byRole.get(role) ?? 0));
    const middle = events[Math.floor(events.length / 2)]!.globalPosition;
    const tail = core.timeline.metrics(runId, middle);
    expect(tail.trainBatches.map((b) => b.position)).toEqual(series.trainBatches.map((b) => b.position).filter((p) => p > middle));
  });

  it('returns one event in full with its index and the dataset item it names, and refuses other runs\' positions', async () => {
    const events = core.runs.events(runId, { limit: 100_000 });
    const answerIndex = events.findIndex((e) => e.type === 'SolverAnswered');
    const detail = await core.timeline.event(runId, events[answerIndex]!.globalPosition);
    expect(detail.event).toEqual(events[answerIndex]);
    expect(detail.index).toBe(answerIndex);
    expect(detail.item?.id).toBe((events[answerIndex]!.data as { itemId: string }).itemId);
    expect(detail.item?.question.length).toBeGreaterThan(10);
    const forkOwn = core.timeline.timeline(forkId).positions.at(-1)!;
    await expect(core.timeline.event(runId, forkOwn)).rejects.toThrow(/not part of run/);
    await expect(core.timeline.event('nope', 1)).rejects.toThrow(/no run/);
  });

  it('explains a prompt version by the step that made it', () => {
    const accepted = core.timeline.versions(runId).find((v) => v.kind === 'prompt' && v.status === 'accepted')!;
    const provenance = core.timeline.provenance(runId, 'prompt', accepted.position);
    expect(provenance.version).toBe(accepted.version);
    expect(provenance.answers.length).toBeGreaterThan(0);
    expect(provenance.answers.every((a) => a.ref.position < accepted.position)).toBe(true);
    expect(provenance.critiques.length).toBeGreaterThan(0);
    expect(provenance.proposal?.ref.type).toBe('PromptCandidateProposed');
    // Wrong answers come first, and each links to an event of the same step.
    const firstRight = provenance.answers.findIndex((a) => a.correct);
    if (firstRight >= 0) expect(provenance.answers.slice(firstRight).every((a) => a.correct)).toBe(true);
    const q = core.timeline.versions(runId).find((v) => v.kind === 'optimizer' && v.status === 'accepted')!;
    expect(core.timeline.provenance(runId, 'optimizer', q.position).reflections.length).toBeGreaterThan(0);
    const critique = provenance.critiques[0]!.ref.position;
    expect(() => core.timeline.provenance(runId, 'prompt', critique)).toThrow(/no prompt version/);
    // The seed prompt has no step behind it: an empty explanation, not an error.
    expect(core.timeline.provenance(runId, 'prompt', 1)).toMatchObject({ status: 'initial', answers: [], critiques: [] });
  });

  it('searches the notebook as it was at a point, by similarity', async () => {
    const end = core.runs.stateAt(runId, 'end');
    expect(end.notebook.length).toBeGreaterThan(0);
    const target = end.notebook[0]!;
    const hits = await core.timeline.searchNotebook(runId, 'end', target.question, 5);
    expect(hits[0]).toMatchObject({ entryId: target.entryId });
    expect(hits[0]!.score).toBeGreaterThan(0.99);
    // Before the first notebook write there is nothing to find.
    const firstWrite = core.runs.events(runId, { limit: 100_000 }).find((e) => e.type === 'NotebookEntryWritten')!;
    expect(await core.timeline.searchNotebook(runId, { position: firstWrite.globalPosition - 1 }, target.question, 5)).toEqual([]);
  });
});
