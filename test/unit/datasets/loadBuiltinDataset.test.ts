import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadBuiltinDataset } from '../../../electron/core/datasets/loadBuiltinDataset';
import { canonicalDatasetText, datasetContentHash } from '../../../shared/datasets/datasetContentHash';
import { gsm8kGold } from '../../../shared/datasets/gsm8kGold';
import { parseNumber } from '../../../shared/scoring/parseNumber';
import { gsm8kScorer } from '../../../shared/scoring/numericScorer';

describe('built-in GSM8K', () => {
  const ds = loadBuiltinDataset('gsm8k');

  it('has the official sizes and stable ids by 0-based line index', () => {
    expect(ds.train).toHaveLength(7473);
    expect(ds.test).toHaveLength(1319);
    expect(ds.train[0]!.id).toBe('gsm8k-train-0');
    expect(ds.train[7472]!.id).toBe('gsm8k-train-7472');
    expect(ds.test![1318]!.id).toBe('gsm8k-test-1318');
  });

  it('has gold = the number after ####, commas removed, and keeps the solution', () => {
    // First official train item: Natalia sold clips ... #### 72
    expect(ds.train[0]!.question).toMatch(/^Natalia sold clips/);
    expect(ds.train[0]!.answer).toBe('72');
    expect(ds.train[0]!.solution).toMatch(/#### 72$/);
    for (const item of [...ds.train, ...ds.test!]) {
      expect(item.answer).not.toMatch(/,/);
      expect(parseNumber(item.answer)).not.toBeNull();
    }
  });

  it('hashes with sha256 over the canonical text (same as node:crypto)', () => {
    const items = [...ds.train, ...ds.test!];
    expect(ds.hash).toBe(createHash('sha256').update(canonicalDatasetText(items)).digest('hex'));
    expect(datasetContentHash(items)).toBe(ds.hash);
  });

  it('given every official solution with "####" written as "Answer:", then the scorer marks all 8792 correct', () => {
    // A real-data check of the one answer parser against the golds it is compared with.
    const wrong = [...ds.train, ...ds.test!].filter((item) => !gsm8kScorer(item.solution!.replace('####', 'Answer:'), item.answer).correct);
    expect(wrong.map((item) => item.id)).toEqual([]);
  });

  it('gsm8kGold handles commas, negatives and missing markers', () => {
    expect(gsm8kGold('so...\n#### 1,234')).toBe('1234');
    expect(gsm8kGold('#### -3')).toBe('-3');
    expect(gsm8kGold('no marker 5')).toBeNull();
    expect(gsm8kGold('#### five')).toBeNull();
  });
});
