import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { TIMELINE_PHASES } from '../../../shared/api/timelineViews';
import { useApp } from '../../store/storeContext';
import { cumulativeWidths, epochBoundary, fractionOf, indexAtFraction, indexAtOrBefore, phaseBoundary } from '../../store/timelineIndexOps';
import { PHASE_COLORS, PHASE_LABELS } from './phaseColors';
import { PhaseStrip } from './PhaseStrip';
import { placeTicks } from './placeTicks';
import { useElementWidth } from './useElementWidth';

/** Phases whose solver answers are scoring runs (drawn narrow): evaluations and the gate. */
const SCORING_PHASES = [TIMELINE_PHASES.indexOf('evaluate'), TIMELINE_PHASES.indexOf('gate')];

/**
 * The time-travel scrubber: every event of the run's log (fork parents included) on one bar,
 * coloured by phase, with epoch ends, fork points and the cursor. Keyboard: arrows step one
 * event, PageUp/PageDown a phase, [ and ] an epoch, Home/End the ends. Pointer: click or drag.
 */
export function Timeline() {
  const timeline = useApp((s) => s.timeline);
  const cursor = useApp((s) => s.cursor);
  const state = useApp((s) => s.pointState);
  const loading = useApp((s) => s.detailLoading);
  const scrubToIndex = useApp((s) => s.scrubToIndex);
  const [barRef, width] = useElementWidth<HTMLDivElement>();
  const dragging = useRef(false);
  const [focused, setFocused] = useState(false);

  const cumulative = useMemo(() => (timeline ? cumulativeWidths(timeline, SCORING_PHASES) : new Float64Array(1)), [timeline]);
  const n = timeline?.positions.length ?? 0;
  const ticks = useMemo(() => {
    if (!timeline || width === 0) return [];
    const marks = [
      ...timeline.epochEnds.map((end) => ({ key: `epoch-${end.epoch}`, label: end.epoch === 0 ? 'seed' : `epoch ${end.epoch}`, position: end.position, epoch: end.epoch })),
    ];
    return placeTicks(marks.map((mark) => ({ ...mark, x: fractionOf(cumulative, indexAtOrBefore(timeline, mark.position)) * width })), width);
  }, [timeline, cumulative, width]);
  useEffect(() => () => void (dragging.current = false), []);

  if (!timeline) return <div className="timeline timeline-loading muted" data-testid="timeline">Loading the timeline…</div>;
  if (n === 0) return <div className="timeline muted" data-testid="timeline">This run has no events yet.</div>;

  const x = (i: number) => `${fractionOf(cumulative, i) * 100}%`;
  const typeAt = (i: number) => timeline.typeNames[timeline.types[i] ?? 0] ?? '';
  const phaseAt = (i: number) => TIMELINE_PHASES[timeline.phases[i] ?? 0] ?? 'control';

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!timeline) return;
    const step = event.shiftKey ? 10 : 1;
    let next: number | null = null;
    switch (event.key) {
      case 'ArrowRight': case 'ArrowUp': next = cursor + step; break;
      case 'ArrowLeft': case 'ArrowDown': next = cursor - step; break;
      case 'PageDown': next = phaseBoundary(timeline, cursor, 1); break;
      case 'PageUp': next = phaseBoundary(timeline, cursor, -1); break;
      case ']': next = epochBoundary(timeline, cursor, 1); break;
      case '[': next = epochBoundary(timeline, cursor, -1); break;
      case 'Home': next = 0; break;
      case 'End': next = n - 1; break;
      default: return;
    }
    event.preventDefault();
    scrubToIndex(next, `key ${event.key}`);
  }

  function fromPointer(event: PointerEvent<HTMLDivElement>, input: string) {
    const rect = event.currentTarget.getBoundingClientRect();
    scrubToIndex(indexAtFraction(cumulative, (event.clientX - rect.left) / rect.width), input);
  }

  const where = state
    ? `position ${state.position} · ${typeAt(cursor)} · ${PHASE_LABELS[phaseAt(cursor)]} · epoch ${state.epoch} · step ${state.step} · prompt v${state.prompt.version} · Q v${state.optimizerInstructions.version}`
    : '';

  return (
    <div className="timeline" data-testid="timeline">
      <div
        ref={barRef}
        className={`scrubber${focused ? ' focused' : ''}`}
        role="slider"
        tabIndex={0}
        aria-label="Time travel: scrub the run's log"
        aria-valuemin={1}
        aria-valuemax={n}
        aria-valuenow={cursor + 1}
        aria-valuetext={`event ${cursor + 1} of ${n}: ${typeAt(cursor)}, ${PHASE_LABELS[phaseAt(cursor)]}`}
        aria-keyshortcuts="ArrowLeft ArrowRight PageUp PageDown [ ] Home End"
        data-testid="scrubber"
        data-index={cursor}
        data-position={timeline.positions[cursor]}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onPointerDown={(event) => {
          dragging.current = true;
          event.currentTarget.setPointerCapture(event.pointerId);
          event.currentTarget.focus();
          fromPointer(event, 'pointer');
        }}
        onPointerMove={(event) => {
          if (dragging.current) fromPointer(event, 'drag');
        }}
        onPointerUp={() => void (dragging.current = false)}
      >
        <PhaseStrip timeline={timeline} cumulative={cumulative} width={width} />
        {timeline.epochEnds.map((end) => (
          <span key={`tick-${end.epoch}`} className="epoch-line" style={{ left: x(indexAtOrBefore(timeline, end.position)) }} />
        ))}
        {timeline.forkedAt && (
          <span className="fork-mark own" style={{ left: x(indexAtOrBefore(timeline, timeline.forkedAt.position)) }} title={`this run starts here, forked from ${timeline.forkedAt.parentRunId}`} data-testid="fork-origin-mark" />
        )}
        {timeline.forks.map((fork) => (
          <span key={fork.runId} className="fork-mark" style={{ left: x(indexAtOrBefore(timeline, fork.position)) }} title={`${fork.name} (${fork.runId}) forks here`} />
        ))}
        <span className="cursor" style={{ left: x(cursor) }} data-testid="scrub-cursor" />
      </div>
      <div className="timeline-ticks">
        {ticks.map((tick) => (
          <button
            key={tick.key}
            type="button"
            className={`stop${tick.showLabel ? '' : ' unlabelled'}${state && tick.position === state.position ? ' active' : ''}`}
            style={{ left: `${tick.labelX}px` }}
            onClick={() => scrubToIndex(indexAtOrBefore(timeline, tick.position), 'tick')}
            title={`end of ${tick.label} (position ${tick.position})`}
            data-testid={`stop-${tick.epoch}`}
          >
            {tick.showLabel ? tick.label : ''}
          </button>
        ))}
        <button type="button" className="stop end" onClick={() => scrubToIndex(n - 1, 'tick')} data-testid="stop-end" title="the end of the log">
          end
        </button>
      </div>
      <div className="timeline-where muted" data-testid="timeline-where">
        {where}
        {loading && <span className="spinner"> loading…</span>}
      </div>
      <div className="phase-legend small" aria-hidden="true">
        {TIMELINE_PHASES.map((phase) => (
          <span key={phase}>
            <i style={{ background: PHASE_COLORS[phase] }} /> {PHASE_LABELS[phase]}
          </span>
        ))}
      </div>
    </div>
  );
}
