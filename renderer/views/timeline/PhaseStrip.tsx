import { useEffect, useRef } from 'react';
import { TIMELINE_PHASES, type TimelineIndex } from '../../../shared/api/timelineViews';
import { indexAtFraction } from '../../store/timelineIndexOps';
import { PHASE_COLORS } from './phaseColors';

/**
 * The bar's phase colours, painted on a canvas one pixel column at a time (the phase of the event
 * under it): 50,000 events cost one pass over the width, not 50,000 elements.
 */
export function PhaseStrip({ timeline, cumulative, width }: { timeline: TimelineIndex; cumulative: Float64Array; width: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    const pixels = Math.max(1, Math.round(width * ratio));
    element.width = pixels;
    element.height = 1;
    const context = element.getContext('2d');
    if (!context) return;
    for (let x = 0; x < pixels; x += 1) {
      const i = indexAtFraction(cumulative, (x + 0.5) / pixels);
      context.fillStyle = PHASE_COLORS[TIMELINE_PHASES[timeline.phases[i] ?? 0] ?? 'control'];
      context.fillRect(x, 0, 1, 1);
    }
  }, [timeline, cumulative, width]);
  return <canvas ref={canvas} className="phase-strip" aria-hidden="true" />;
}
