import type { RetrievalView } from '../api/runViews';
import { LEXICAL_EMBEDDER, usesNotebook } from '../config/resolveRunConfig';
import type { RunState } from './runState';

/** Shown wherever the lexical embedder is in use, so its numbers are not read as semantic retrieval. */
export const LEXICAL_FALLBACK_LABEL = 'lexical (hashed n-grams), the offline fallback: matches shared words, not meaning';

/** The retrieval settings of a folded run, or null for methods without a notebook. Pure. */
export function retrievalViewOf(state: RunState): RetrievalView | null {
  const config = state.config;
  if (!config || !usesNotebook(config.method)) return null;
  // A view never fails on a sparse recorded config: no embedder binding means the built-in one.
  const embedder = config.roles?.embedder?.endpoint ?? LEXICAL_EMBEDDER;
  const recorded = state.modelFacts.embedder;
  const offlineFallback = embedder === LEXICAL_EMBEDDER;
  const model = recorded?.model ?? null;
  const dimensions = recorded?.dimensions ?? null;
  const label = offlineFallback
    ? LEXICAL_FALLBACK_LABEL
    : `${model ?? 'embedding model'} on endpoint "${embedder}"${dimensions !== null ? `, ${dimensions}-d` : ''}`;
  return {
    embedder, model, dimensions, offlineFallback, label,
    k: config.retrievalK,
    threshold: config.retrievalThreshold === 'calibrated' ? (recorded?.calibratedThreshold ?? null) : config.retrievalThreshold,
    thresholdCalibrated: config.retrievalThreshold === 'calibrated',
    lessonFormat: config.lessonFormat ?? 'excerpt',
  };
}
