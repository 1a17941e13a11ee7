import { useEffect, useRef, useState } from 'react';
import type { ScrubPoint } from '../store/detailSlice';
import { useApp } from '../store/storeContext';

/** Dragging asks the core for a fold per position: wait this long after the last move. */
const DRAG_SETTLE_MS = 80;

/**
 * The time-travel scrubber. Coarse: one button per finished epoch (0 = the seed evaluation) and
 * the log's end. Fine: a slider over every event of the run's log (fork parents included), so a
 * user can step through the optimizer's individual steps. Either asks the core for the folded
 * state at that point; the panels below show it.
 */
export function Timeline() {
  const endState = useApp((s) => s.endState);
  const point = useApp((s) => s.point);
  const pointState = useApp((s) => s.pointState);
  const eventIndex = useApp((s) => s.eventIndex);
  const scrubTo = useApp((s) => s.scrubTo);
  const loading = useApp((s) => s.detailLoading);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // While dragging, the slider shows where the hand is, not where the last fold landed.
  const [dragIndex, setDragIndex] = useState<number | null>(null);
  useEffect(() => () => clearTimeout(settle.current), []);
  if (!endState) return null;

  const positions = eventIndex?.positions ?? [];
  const epochs = endState.metrics.map((m) => ({ epoch: m.epoch, position: m.position })).sort((a, b) => a.epoch - b.epoch);
  const stops: ScrubPoint[] = [...epochs.map((e) => e.epoch), 'end'];
  const label = (stop: ScrubPoint) => (stop === 'end' ? 'end' : stop === 0 ? 'seed' : `epoch ${String(stop)}`);
  const indexOf = (position: number) => {
    // Last event at or before `position` (binary search: logs can be long).
    let lo = 0;
    let hi = positions.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if ((positions[mid] ?? Infinity) <= position) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const last = Math.max(0, positions.length - 1);
  const index = dragIndex ?? (pointState && positions.length > 0 ? indexOf(pointState.position) : last);
  const stopLeft = (position: number | undefined) =>
    positions.length > 1 && position !== undefined ? `${(indexOf(position) / last) * 100}%` : '100%';
  const isActive = (stop: ScrubPoint) => stop === point;

  function onSlide(value: number) {
    setDragIndex(value);
    clearTimeout(settle.current);
    settle.current = setTimeout(() => {
      setDragIndex(null);
      const position = positions[value];
      if (position !== undefined) void scrubTo(value === last ? 'end' : { position });
    }, DRAG_SETTLE_MS);
  }

  return (
    <div className="timeline" data-testid="timeline">
      <input
        type="range"
        min={0}
        max={last}
        step={1}
        value={index}
        aria-label="Scrub through the run's log, one event at a time"
        aria-valuetext={`event ${index + 1} of ${positions.length}: ${eventIndex?.types[index] ?? ''}`}
        data-testid="scrubber"
        onChange={(e) => onSlide(Number(e.target.value))}
        disabled={positions.length < 2}
      />
      <div className="timeline-stops">
        {stops.map((stop) => {
          const position = stop === 'end' ? undefined : epochs.find((e) => e.epoch === stop)?.position;
          return (
            <button
              key={String(stop)}
              type="button"
              // Each label sits under the slider position of its epoch's last event.
              style={{ left: stopLeft(position) }}
              className={`stop${isActive(stop) ? ' active' : ''}${stop === 'end' ? ' last' : ''}`}
              onClick={() => void scrubTo(stop)}
              data-testid={`stop-${String(stop)}`}
            >
              {label(stop)}
            </button>
          );
        })}
      </div>
      <div className="timeline-where muted" data-testid="timeline-where">
        {pointState
          ? `position ${pointState.position} · ${eventIndex?.types[index] ?? ''} · epoch ${pointState.epoch} · step ${pointState.step} · prompt v${pointState.prompt.version} · Q v${pointState.optimizerInstructions.version}`
          : ' '}
        {loading && <span className="spinner"> loading…</span>}
      </div>
    </div>
  );
}
