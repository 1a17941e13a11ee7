import { describe, expect, it } from 'vitest';
import { cosineSimilarity, EMBEDDING_DIMENSIONS, LEXICAL_EMBEDDER_LABEL, lexicalEmbed } from '../../../electron/core/llm/embedding/lexicalEmbedder';

describe('lexicalEmbed', () => {
  it('returns 384-d unit vectors, deterministic', () => {
    const a = lexicalEmbed('Natalia sold clips to 48 of her friends');
    expect(EMBEDDING_DIMENSIONS).toBe(384);
    expect(a).toHaveLength(384);
    expect(cosineSimilarity(a, a)).toBeCloseTo(1, 5);
    expect(Array.from(lexicalEmbed('Natalia sold clips to 48 of her friends'))).toEqual(Array.from(a));
  });

  it('ranks lexically similar texts above unrelated ones', () => {
    const query = lexicalEmbed('How many apples does Tom have left after giving 3 apples away?');
    const similar = lexicalEmbed('Tom gives away some apples. How many apples are left?');
    const unrelated = lexicalEmbed('A train travels 60 miles per hour for 3 hours.');
    expect(cosineSimilarity(query, similar)).toBeGreaterThan(cosineSimilarity(query, unrelated) + 0.1);
  });

  it('gives the zero vector for text without words', () => {
    expect(Array.from(lexicalEmbed('  !!! ')).every((value) => value === 0)).toBe(true);
  });

  it('is labelled honestly', () => {
    expect(LEXICAL_EMBEDDER_LABEL).toBe('lexical (hashed n-grams)');
  });
});
