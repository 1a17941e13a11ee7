import type { ScrubPoint } from '../store/detailSlice';
import { useApp } from '../store/storeContext';

/**
 * The time-travel scrubber: one stop per finished epoch (0 = the seed evaluation) plus the log's
 * end. Moving it asks the core for the folded state at that point; the panels below show it.
 */
export function Timeline() {
  const endState = useApp((s) => s.endState);
  const point = useApp((s) => s.point);
  const pointState = useApp((s) => s.pointState);
  const scrubTo = useApp((s) => s.scrubTo);
  const loading = useApp((s) => s.detailLoading);
  if (!endState) return null;

  const epochs = endState.metrics.map((m) => m.epoch).sort((a, b) => a - b);
  const stops: ScrubPoint[] = [...epochs, 'end'];
  const index = Math.max(0, stops.indexOf(point));
  const label = (stop: ScrubPoint) => (stop === 'end' ? 'end' : stop === 0 ? 'seed' : `epoch ${stop}`);

  return (
    <div className="timeline" data-testid="timeline">
      <input
        type="range"
        min={0}
        max={stops.length - 1}
        step={1}
        value={index}
        aria-label="Scrub through the run's epochs"
        aria-valuetext={label(stops[index] ?? 'end')}
        data-testid="scrubber"
        onChange={(e) => void scrubTo(stops[Number(e.target.value)] ?? 'end')}
        disabled={stops.length < 2}
      />
      <div className="timeline-stops">
        {stops.map((stop) => (
          <button
            key={String(stop)}
            type="button"
            className={`stop${stop === point ? ' active' : ''}`}
            onClick={() => void scrubTo(stop)}
            data-testid={`stop-${stop}`}
          >
            {label(stop)}
          </button>
        ))}
      </div>
      <div className="timeline-where muted" data-testid="timeline-where">
        {pointState
          ? `position ${pointState.position} · epoch ${pointState.epoch} · step ${pointState.step} · prompt v${pointState.prompt.version} · Q v${pointState.optimizerInstructions.version}`
          : ' '}
        {loading && <span className="spinner"> loading…</span>}
      </div>
    </div>
  );
}
