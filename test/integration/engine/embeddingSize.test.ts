import { describe, expect, it } from 'vitest';
import { createRun, executeRun } from '../../../electron/core/engine';
import { loadRunState } from '../../../electron/core/engine/loadRunState';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import { searchNotebook } from '../../../electron/core/timeline/searchNotebook';
import type { ModelFactsRecordedData, NotebookEntryWrittenData, TrainBatchAnsweredData } from '../../../shared/events/run/runEventTypes';
import { decodeVector } from '../../../shared/fold/vectorCodec';
import { createEngineWorld, smallEngineConfig } from './engineTestKit';

/** A REMO run whose embedder is a server endpoint that returns `size`-dimensional vectors. */
function embeddingConfig(url: string, extra: Record<string, unknown> = {}) {
  const config = smallEngineConfig(url, {
    method: 'remo-rag', epochs: 2, stepsPerEpoch: 3, split: { train: 12, val: 6, test: 6 }, initialPrompt: 'Solve it.', retrievalThreshold: 0, ...extra,
  });
  const endpoints = config.endpoints as Record<string, unknown>[];
  endpoints.push({ ...endpoints[0]!, name: 'embed', model: 'qwen3-32b-sim' });
  return { ...config, roles: { embedder: { endpoint: 'embed' } } };
}

describe("the notebook keeps the embedder's own vector size", () => {
  it('records 1024 from a server that returns 1024-d vectors, stores and retrieves them', async () => {
    const world = await createEngineWorld({ seed: 4, embeddingDimensions: 1024 });
    try {
      const config = embeddingConfig(world.simulator.url);
      const deps = world.deps(config);
      const { runId } = await createRun(deps, config);
      expect((await executeRun(deps, runId)).status).toBe('completed');
      const events = world.store.readStream(runId);
      const facts = events.find((e) => e.type === 'ModelFactsRecorded')!.data as ModelFactsRecordedData;
      expect(facts.embedder).toEqual({ endpoint: 'embed', model: 'qwen3-32b-sim', dimensions: 1024, lexical: false });
      const written = events.filter((e) => e.type === 'NotebookEntryWritten').map((e) => e.data as NotebookEntryWrittenData);
      expect(written.length).toBeGreaterThan(0);
      for (const w of written) if (w.embedding) expect(decodeVector(w.embedding)).toHaveLength(1024);
      const stored = world.store.db.prepare('SELECT dimension, count(*) AS n FROM notebook_vectors GROUP BY dimension').all();
      expect(stored).toEqual([{ dimension: 1024, n: written.filter((w) => w.embedding).length }]);
      expect(world.store.db.prepare('SELECT count(*) FROM notebook_vec').pluck().get()).toBe(0);
      const retrieved = events.filter((e) => e.type === 'TrainBatchAnswered').flatMap((e) => (e.data as TrainBatchAnsweredData).items.flatMap((i) => i.retrieved));
      expect(retrieved.length).toBeGreaterThan(0);
      // Scores are cosines of the 1024-d vectors: within [-1, 1], best first per item.
      for (const r of retrieved) expect(Math.abs(r.score)).toBeLessThanOrEqual(1 + 1e-6);
      // The UI's notebook search uses the same index: a question's own vector finds its entry first.
      const state = loadRunState(world.store.readStream.bind(world.store), runId, { trackAnswers: false });
      const created = written.find((w) => w.embedding)!;
      const hits = searchNotebook(world.store.db, runId, state.notebook, decodeVector(created.embedding!), 3);
      expect(hits[0]).toEqual({ entryId: created.entryId, score: 1 });
    } finally {
      await world.dispose();
    }
  }, 60_000);

  it('asks a server trained for shorter vectors for embeddingDimensions, and records that size', async () => {
    const world = await createEngineWorld({ seed: 4 });
    try {
      const config = embeddingConfig(world.simulator.url, { embeddingDimensions: 256, epochs: 1, stepsPerEpoch: 2 });
      const deps = world.deps(config);
      const { runId } = await createRun(deps, config);
      expect((await executeRun(deps, runId)).status).toBe('completed');
      const facts = world.store.readStream(runId).find((e) => e.type === 'ModelFactsRecorded')!.data as ModelFactsRecordedData;
      expect(facts.embedder!.dimensions).toBe(256);
    } finally {
      await world.dispose();
    }
  }, 60_000);

  it('fails with a message, instead of comparing unlike vectors, when the embedder changes size mid-run', async () => {
    const first = await createEngineWorld({ seed: 4, embeddingDimensions: 1024 });
    try {
      const config = embeddingConfig(first.simulator.url, { epochs: 1, stepsPerEpoch: 2 });
      const deps = first.deps(config);
      const { runId } = await createRun(deps, config);
      // Record the facts (1024) and stop before any notebook write.
      const controller = new AbortController();
      await executeRun(deps, runId, { signal: controller.signal, onProgress: (p) => { if (p.phase.includes(' · model-facts · ')) controller.abort(); } });
      const second = await startSimulator({ seed: 4, embeddingDimensions: 768 });
      try {
        const moved = embeddingConfig(second.url, { epochs: 1, stepsPerEpoch: 2 });
        const outcome = await executeRun(first.deps(moved), runId);
        expect(outcome.status).toBe('failed');
        expect(outcome.reason).toMatch(/returned 768-dimensional vectors, but this run's notebook holds 1024-dimensional ones/);
      } finally {
        await second.stop();
      }
    } finally {
      await first.dispose();
    }
  }, 60_000);

  it("'calibrated' measures the threshold on the run's own embedder and records it; retrieval then uses it", async () => {
    const world = await createEngineWorld({ seed: 4, embeddingDimensions: 1024 });
    try {
      const config = embeddingConfig(world.simulator.url, { retrievalThreshold: 'calibrated' });
      const deps = world.deps(config);
      const { runId } = await createRun(deps, config);
      expect((await executeRun(deps, runId)).status).toBe('completed');
      const events = world.store.readStream(runId);
      const embedder = (events.find((e) => e.type === 'ModelFactsRecorded')!.data as ModelFactsRecordedData).embedder!;
      expect(embedder.calibrationSample).toBe(12);
      expect(embedder.calibratedThreshold).toBeGreaterThan(0);
      expect(embedder.calibratedThreshold).toBeLessThan(1);
      const scores = events.filter((e) => e.type === 'TrainBatchAnswered').flatMap((e) => (e.data as TrainBatchAnsweredData).items.flatMap((i) => i.retrieved.map((r) => r.score)));
      for (const score of scores) expect(score).toBeGreaterThanOrEqual(embedder.calibratedThreshold!);
    } finally {
      await world.dispose();
    }
  }, 60_000);
});
