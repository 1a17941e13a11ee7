import { describe, expect, it } from 'vitest';
import { loadBuiltinDataset } from '../../../electron/core/datasets/loadBuiltinDataset';
import { lexicalEmbed } from '../../../electron/core/llm/embedding/lexicalEmbedder';
import { resolveRunConfig } from '../../../shared/config/resolveRunConfig';
import { similarityStudy } from './fixtures/similarityStudy';

/**
 * The default retrieval threshold rests on a measurement (docs/method-notes.md, "Retrieval
 * threshold"): with the lexical embedder on GSM8K train questions it must exclude all but about
 * 1% of random (unrelated) pairs, while most questions still find a neighbour above it in a
 * notebook of 1,000 entries. If the embedder or the default changes, this says whether the
 * evidence still holds.
 */
describe('the default retrieval threshold, measured', () => {
  it('sits at the top percent of unrelated pairs and below the typical nearest neighbour', () => {
    const threshold = resolveRunConfig({ method: 'remo', preset: 'paper-100' }, { optimizerInstructions: 'Q', templateVersions: {} }).retrievalThreshold;
    const questions = loadBuiltinDataset('gsm8k').train.map((item) => item.question);
    const study = similarityStudy(questions, (text) => lexicalEmbed(text), { seed: 11, pairs: 8000, probes: 150 });
    expect(threshold).toBeGreaterThanOrEqual(study.unrelated.p95);
    expect(threshold).toBeLessThanOrEqual(study.unrelated.p999);
    expect(threshold).toBeLessThan(study.nearest.p50);
    // Same-topic pairs score higher than unrelated ones: the embedder carries some signal.
    expect(study.sameTopic.p90).toBeGreaterThan(study.unrelated.p90);
  });
});
