import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { NotebookHit } from '../../../shared/api/timelineViews';
import type { ApiError } from '../../../shared/api/result';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApp } from '../../store/storeContext';
import { notebookChanges } from './notebookChanges';

/**
 * The mistake notebook as it was at the cursor: filter by text, or rank by similarity to a text
 * (a KNN query through the core, with the run's own embedder). Entries written since the previous
 * epoch's end are marked new or changed. Virtualised: full GSM8K runs write thousands of entries.
 */
export function NotebookPanel() {
  const state = useApp((s) => s.pointState);
  const timeline = useApp((s) => s.timeline);
  const runId = useApp((s) => s.selectedRunId);
  const search = useApp((s) => s.searchNotebook);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<{ query: string; position: number; hits: NotebookHit[] } | null>(null);
  const [searchError, setSearchError] = useState<ApiError | null>(null);
  const [searching, setSearching] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const entries = useMemo(() => state?.notebook ?? [], [state]);
  const since = useMemo(() => {
    if (!state || !timeline) return 0;
    return timeline.epochEnds.filter((end) => end.position < state.position).at(-1)?.position ?? 0;
  }, [state, timeline]);
  const changes = useMemo(() => notebookChanges(entries, since), [entries, since]);
  const shown = useMemo(() => {
    if (hits && state && hits.position === state.position) {
      const byId = new Map(entries.map((entry) => [entry.entryId, entry]));
      return hits.hits.flatMap((hit) => {
        const entry = byId.get(hit.entryId);
        return entry ? [{ entry, score: hit.score }] : [];
      });
    }
    const needle = query.trim().toLowerCase();
    const matching = needle ? entries.filter((e) => `${e.lesson}\n${e.question}\n${e.itemId}`.toLowerCase().includes(needle)) : entries;
    return matching.map((entry) => ({ entry, score: null as number | null }));
  }, [entries, hits, query, state]);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => 64, overscan: 8 });
  if (!state || !runId) return null;

  async function searchBySimilarity() {
    if (!state || !runId || !query.trim()) return;
    setSearching(true);
    const result = await search(state.position, query);
    setSearching(false);
    if (result.ok) {
      setHits({ query, position: state.position, hits: result.value });
      setSearchError(null);
    } else setSearchError(result.error);
  }

  return (
    <section className="panel notebook-panel-box" aria-label="Mistake notebook" data-testid="notebook-panel">
      <header className="panel-header">
        <h3>Mistake notebook</h3>
        <span className="muted small" data-testid="notebook-count">
          {entries.length === 1 ? '1 entry' : `${entries.length} entries`}
          {changes.added + changes.changed > 0 && ` · since the last epoch: ${changes.added} new, ${changes.changed} changed`}
        </span>
      </header>
      <form className="notebook-search" onSubmit={(event) => { event.preventDefault(); void searchBySimilarity(); }}>
        <input
          type="search"
          value={query}
          placeholder="Filter by text, or search by similarity"
          aria-label="Search the notebook"
          onChange={(event) => { setQuery(event.target.value); setHits(null); }}
          data-testid="notebook-query"
        />
        <button type="submit" className="button" disabled={!query.trim() || searching || entries.length === 0} data-testid="notebook-similar">
          {searching ? 'Searching…' : 'Similar'}
        </button>
        {hits && <button type="button" className="link" onClick={() => setHits(null)}>clear</button>}
      </form>
      {searchError && <ErrorMessage error={searchError} onDismiss={() => setSearchError(null)} />}
      {entries.length === 0 ? (
        <EmptyState title="Notebook empty">No mistakes recorded at this point (or this method keeps no notebook).</EmptyState>
      ) : shown.length === 0 ? (
        <div className="muted small">No entry matches “{query}”.</div>
      ) : (
        <div className="notebook-scroll" ref={scrollRef} data-testid="notebook-list">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const { entry, score } = shown[item.index]!;
              const mark = changes.marks.get(entry.entryId);
              return (
                <div
                  key={entry.entryId}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  className={`notebook-entry${entry.resolved ? ' resolved' : ''}${mark ? ` ${mark}` : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
                  data-testid="notebook-entry"
                  data-entry-id={entry.entryId}
                >
                  <div className="notebook-lesson">
                    {mark && <span className={`mark-${mark}`} data-testid={`notebook-${mark}`}>{mark}</span>}
                    {score !== null && <span className="score" data-testid="notebook-score">{score.toFixed(3)}</span>}
                    {entry.lesson}
                  </div>
                  <div className="notebook-meta muted small">
                    #{entry.entryId} · item {entry.itemId} · gold {entry.gold} · predicted {entry.predicted ?? '–'} · failed {entry.failCount}×
                    {entry.resolved ? ' · resolved' : ''}
                  </div>
                  <div className="notebook-question small" title={entry.question}>{entry.question}</div>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
