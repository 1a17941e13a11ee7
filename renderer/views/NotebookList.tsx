import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { NotebookEntryView } from '../../shared/api/runViews';
import { EmptyState } from '../components/EmptyState';

/**
 * The mistake notebook at the selected point. Virtualized (@tanstack/react-virtual): full
 * GSM8K runs write thousands of entries. Rows are measured, so long lessons wrap.
 */
export function NotebookList({ entries }: { entries: readonly NotebookEntryView[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 64,
    overscan: 8,
  });
  if (entries.length === 0) {
    return <EmptyState title="Notebook empty">No mistakes recorded at this point (or this method keeps no notebook).</EmptyState>;
  }
  return (
    <div className="notebook-scroll" ref={scrollRef} data-testid="notebook-list">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index]!;
          return (
            <div
              key={entry.entryId}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className={`notebook-entry${entry.resolved ? ' resolved' : ''}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
              data-testid="notebook-entry"
            >
              <div className="notebook-lesson">{entry.lesson}</div>
              <div className="notebook-meta muted small">
                item {entry.itemId} · gold {entry.gold} · predicted {entry.predicted ?? '–'} · failed {entry.failCount}×
                {entry.resolved ? ' · resolved' : ''}
              </div>
              <div className="notebook-question small" title={entry.question}>
                {entry.question}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
