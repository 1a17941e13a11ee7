/**
 * 32-bit FNV-1a over a string's UTF-16 code units: tiny, fast, and the same on every platform.
 * Not cryptographic (use sha256Hex for content addressing). Its values are persisted, so they must
 * never change: they seed the engine's minibatch order (recomputed when a run resumes or forks)
 * and place the lexical embedder's features (notebook vectors in the database).
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
