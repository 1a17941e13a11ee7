import { useEffect } from 'react';
import { formatCount, formatDuration } from '../../format/formatters';
import { useApp } from '../../store/storeContext';

const POLL_MS = 1000;

/** The selected run's progress while it runs: bar, phase, ETA, calls, tokens, retries, failures, requests in flight. */
export function RunProgressBar() {
  const summary = useApp((s) => s.summary);
  const progress = useApp((s) => s.progress);
  const loadProgress = useApp((s) => s.loadProgress);
  const running = summary?.status === 'running';
  useEffect(() => {
    void loadProgress();
    if (!running) return;
    const timer = setInterval(() => void loadProgress(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, loadProgress, summary?.runId]);
  if (!progress || !summary || (!running && progress.done >= progress.total)) return null;
  const fraction = progress.total > 0 ? progress.done / progress.total : 0;
  return (
    <div className="progress" data-testid="run-progress">
      <div className="progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done} aria-label="Run progress">
        <span style={{ width: `${Math.round(fraction * 100)}%` }} />
      </div>
      <div className="progress-facts small">
        <strong>{Math.round(fraction * 100)}%</strong>
        <span>{progress.phase}</span>
        <span>{running ? (progress.etaSeconds === null ? 'ETA after the first step' : `ETA ${formatDuration(progress.etaSeconds)}`) : summary.status}</span>
        <span>{formatDuration(progress.elapsedSeconds)} elapsed</span>
        <span>{formatCount(progress.calls)} calls</span>
        <span>{formatCount(progress.tokens)} tokens</span>
        <span className={progress.retries > 0 ? 'warn' : undefined}>{progress.retries} retried</span>
        <span className={progress.failures > 0 ? 'wrong' : undefined}>{progress.failures} failed phases</span>
        {progress.endpoints.map((endpoint) => (
          <span key={endpoint.name} title="requests in flight / the endpoint's concurrency">{endpoint.name}: {endpoint.inFlight}/{endpoint.concurrency} in flight</span>
        ))}
      </div>
    </div>
  );
}
