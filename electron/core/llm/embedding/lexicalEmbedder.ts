/**
 * The built-in embedder: no model, no download. Feature hashing of word unigrams, word bigrams and
 * character trigrams into a fixed 384-d vector, L2-normalised, so cosine = dot product. It captures
 * lexical overlap (shared words, numbers, word pieces), not meaning: call it what it is in the UI.
 */
import { fnv1a32 } from '../../../../shared/hash/fnv1a32';

/** Dimension of every notebook vector (the vec0 table is float[384]); server embeddings must match. */
export const EMBEDDING_DIMENSIONS = 384;

/** The model name recorded for vectors from this embedder. */
export const LEXICAL_EMBEDDER_MODEL = 'lexical';

/** Human label for the UI: honest about what the similarity means. */
export const LEXICAL_EMBEDDER_LABEL = 'lexical (hashed n-grams)';

function tokenize(text: string): string[] {
  return text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Embeds one text. Empty or symbol-only text gives the zero vector (similar to nothing). */
export function lexicalEmbed(text: string, dimensions: number = EMBEDDING_DIMENSIONS): Float32Array {
  const vector = new Float32Array(dimensions);
  const add = (feature: string, weight: number) => {
    // FNV-1a: stable across platforms and versions, as it must be (the vectors are persisted).
    const hash = fnv1a32(feature);
    // The sign bit makes colliding features cancel on average instead of piling up.
    vector[hash % dimensions]! += (hash & 0x80000000 ? -1 : 1) * weight;
  };
  const words = tokenize(text);
  for (const [index, word] of words.entries()) {
    add(`w:${word}`, 1);
    if (index > 0) add(`b:${words[index - 1]} ${word}`, 0.7);
    const padded = `^${word}$`;
    for (let i = 0; i + 3 <= padded.length; i += 1) add(`c:${padded.slice(i, i + 3)}`, 0.3);
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < dimensions; i += 1) vector[i]! *= scale;
  }
  return vector;
}

/** Cosine similarity of two L2-normalised vectors. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) dot += a[i]! * b[i]!;
  return dot;
}
