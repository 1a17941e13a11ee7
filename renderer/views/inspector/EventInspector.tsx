import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { TIMELINE_PHASES } from '../../../shared/api/timelineViews';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApp } from '../../store/storeContext';
import { countAtOrBefore } from '../../store/countAtOrBefore';
import { PHASE_COLORS, PHASE_LABELS } from '../timeline/phaseColors';
import { EventContent } from './EventContent';

/** The cursor's event is fetched once the cursor rests this long: scrubbing stays light. */
const INSPECT_SETTLE_MS = 120;
const ROW_HEIGHT = 22;

/**
 * The run's events around the cursor (a virtualised list over the whole log, filterable by type)
 * and the content of the event at the cursor. Clicking a row moves the cursor there.
 */
export function EventInspector() {
  const timeline = useApp((s) => s.timeline);
  const cursor = useApp((s) => s.cursor);
  const inspected = useApp((s) => s.inspected);
  const inspectedError = useApp((s) => s.inspectedError);
  const inspect = useApp((s) => s.inspect);
  const scrubToIndex = useApp((s) => s.scrubToIndex);
  const [typeFilter, setTypeFilter] = useState<string>('');
  const scrollRef = useRef<HTMLDivElement>(null);

  // Row i of the list is event rows[i] of the timeline (all events, or those of one type).
  const rows = useMemo(() => {
    if (!timeline) return [];
    if (!typeFilter) return timeline.positions.map((_, i) => i);
    const code = timeline.typeNames.indexOf(typeFilter);
    return timeline.types.flatMap((type, i) => (type === code ? [i] : []));
  }, [timeline, typeFilter]);
  // Events per type for the filter's labels: once per timeline, not on every scrub step.
  const counts = useMemo(() => {
    const byType = new Map<number, number>();
    for (const type of timeline?.types ?? []) byType.set(type, (byType.get(type) ?? 0) + 1);
    return byType;
  }, [timeline]);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  // The row showing the cursor's event, or the last row before it when the filter hides it (-1: none).
  const cursorRow = useMemo(() => countAtOrBefore(rows.length, (i) => rows[i]!, cursor) - 1, [rows, cursor]);
  const position = timeline?.positions[cursor];

  useEffect(() => {
    if (cursorRow >= 0) virtualizer.scrollToIndex(cursorRow, { align: 'center' });
  }, [cursorRow, virtualizer]);
  useEffect(() => {
    if (position === undefined) return;
    const timer = setTimeout(() => void inspect(position), INSPECT_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [position, inspect]);

  if (!timeline) return null;

  return (
    <section className="panel inspector" aria-label="Event inspector" data-testid="inspector">
      <header className="panel-header">
        <h3>Events</h3>
        <select value={typeFilter} onChange={(event) => setTypeFilter(event.target.value)} aria-label="Show events of type" data-testid="inspector-filter">
          <option value="">all types ({timeline.positions.length})</option>
          {timeline.typeNames.map((name, code) => (
            <option key={name} value={name}>{name} ({counts.get(code) ?? 0})</option>
          ))}
        </select>
        <span className="muted small">{typeFilter ? `${rows.length} shown` : ''}</span>
      </header>
      <div className="inspector-body">
        <div className="event-list" ref={scrollRef} role="listbox" aria-label="Events of the run" data-testid="event-list">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const i = rows[item.index]!;
              const phase = TIMELINE_PHASES[timeline.phases[i] ?? 0] ?? 'control';
              const selected = i === cursor;
              return (
                <div
                  key={i}
                  role="option"
                  aria-selected={selected}
                  className={`event-row${selected ? ' selected' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  onClick={() => scrubToIndex(i, 'list')}
                  data-testid="event-row"
                  data-position={timeline.positions[i]}
                >
                  <i className="phase-dot" style={{ background: PHASE_COLORS[phase] }} title={PHASE_LABELS[phase]} />
                  <span className="event-pos">{timeline.positions[i]}</span>
                  <span className="event-type">{timeline.typeNames[timeline.types[i] ?? 0]}</span>
                  <span className="muted">{(timeline.epochs[i] ?? -1) >= 0 ? `e${timeline.epochs[i]}` : ''}{(timeline.steps[i] ?? -1) >= 0 ? ` s${timeline.steps[i]}` : ''}</span>
                  <span className="muted num">{(timeline.calls[i] ?? 0) > 0 ? `${timeline.calls[i]} call${timeline.calls[i] === 1 ? '' : 's'} · ${timeline.tokens[i]} tok` : ''}</span>
                </div>
              );
            })}
          </div>
        </div>
        <div className="event-detail" data-testid="event-detail">
          {inspectedError && <ErrorMessage error={inspectedError} />}
          {inspected && inspected.event.globalPosition === position ? (
            <EventContent detail={inspected} />
          ) : (
            <div className="muted small">{inspectedError ? '' : 'Loading the event…'}</div>
          )}
        </div>
      </div>
    </section>
  );
}
