import { useApp } from '../store/storeContext';

/**
 * The run's retrieval settings in one line (notebook methods only). The built-in lexical embedder
 * is shown as the offline fallback it is, so its numbers are not read as semantic retrieval.
 * Subscribes to the retrieval settings alone, not to the whole scrubbed state.
 */
export function RetrievalSettings() {
  const retrieval = useApp((s) => s.pointState?.retrieval ?? null);
  if (!retrieval) return null;
  return (
    <div className={`small${retrieval.offlineFallback ? ' status-reason' : ' muted'}`} data-testid="retrieval-settings">
      retrieval: {retrieval.label} · k {retrieval.k} · threshold {retrieval.threshold ?? 'not yet measured'}
      {retrieval.thresholdCalibrated ? ' (calibrated on this embedder)' : ''}
    </div>
  );
}
