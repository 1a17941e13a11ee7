import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { METHODS, type RunStatus, type RunSummary } from '../../../shared/api/runViews';
import { SimulatorBadge, StatusBadge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatCount, formatDuration, formatPercent, formatTime } from '../../format/formatters';
import { useApp } from '../../store/storeContext';
import { NewRunForm } from '../NewRunForm';
import { filterAndSortRuns, type RunFilter, type RunSortKey } from './sortRuns';

/** Row height in px (the stylesheet keeps runs-table rows at this height). */
const ROW_HEIGHT = 25;
const STATUSES: RunStatus[] = ['running', 'paused', 'completed', 'stopped', 'failed', 'interrupted'];
/** `optional` columns step aside on narrow windows (the stylesheet hides them below 1200 px). */
const COLUMNS: { key: RunSortKey | null; label: string; numeric?: boolean; optional?: boolean }[] = [
  { key: null, label: 'id' }, { key: 'name', label: 'name' }, { key: 'method', label: 'method' }, { key: 'model', label: 'model', optional: true },
  { key: 'status', label: 'status' }, { key: null, label: 'parent' }, { key: 'val', label: 'val', numeric: true }, { key: 'test', label: 'test', numeric: true },
  { key: 'calls', label: 'calls', numeric: true }, { key: 'tokens', label: 'tokens', numeric: true }, { key: 'time', label: 'time', numeric: true },
  { key: 'created', label: 'created', optional: true },
];

/** Every run in the database: sort, filter, search, rename, archive, tick runs to compare. */
export function RunsList() {
  const runs = useApp((s) => s.runs);
  const loaded = useApp((s) => s.runsLoaded);
  const error = useApp((s) => s.runsError);
  const selectedRunId = useApp((s) => s.selectedRunId);
  const selectRun = useApp((s) => s.selectRun);
  const includeArchived = useApp((s) => s.includeArchived);
  const setIncludeArchived = useApp((s) => s.setIncludeArchived);
  const compareIds = useApp((s) => s.compareIds);
  const toggleCompare = useApp((s) => s.toggleCompare);
  const openCompare = useApp((s) => s.openCompare);
  const renameRun = useApp((s) => s.renameRun);
  const archiveRun = useApp((s) => s.archiveRun);
  const [formOpen, setFormOpen] = useState(false);
  const [filter, setFilter] = useState<RunFilter>({ text: '', method: '', status: '' });
  const [sort, setSort] = useState<{ key: RunSortKey; descending: boolean }>({ key: 'created', descending: true });
  const [renaming, setRenaming] = useState<{ runId: string; name: string } | null>(null);
  const shown = useMemo(() => filterAndSortRuns(runs, filter, sort.key, sort.descending), [runs, filter, sort]);
  const byId = useMemo(() => new Map(runs.map((run) => [run.runId, run])), [runs]);
  // Virtualised: a database of thousands of runs draws only the rows in view.
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  function sortBy(key: RunSortKey) {
    setSort((current) => (current.key === key ? { key, descending: !current.descending } : { key, descending: key !== 'name' && key !== 'method' && key !== 'model' }));
  }
  function onRenameKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') setRenaming(null);
    if (event.key === 'Enter' && renaming) {
      event.preventDefault();
      void renameRun(renaming.runId, renaming.name).then((ok) => ok && setRenaming(null));
    }
  }

  return (
    <section className="panel runs-panel" aria-label="Runs">
      <header className="panel-header">
        <h2>Runs</h2>
        <span className="muted" data-testid="runs-count">{loaded ? `${shown.length} of ${runs.length}${includeArchived ? ' (archived included)' : ''}` : 'loading…'}</span>
        <input type="search" placeholder="Search id, name, model…" value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} aria-label="Search runs" data-testid="runs-search" />
        <select value={filter.method} onChange={(e) => setFilter({ ...filter, method: e.target.value })} aria-label="Filter by method" data-testid="runs-method-filter">
          <option value="">all methods</option>
          {METHODS.map((m) => <option key={m} value={m}>{m}</option>)}
        </select>
        <select value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value })} aria-label="Filter by status" data-testid="runs-status-filter">
          <option value="">all statuses</option>
          {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <label className="small"><input type="checkbox" checked={includeArchived} onChange={(e) => void setIncludeArchived(e.target.checked)} data-testid="runs-archived" /> archived</label>
        <button type="button" className="button" disabled={compareIds.length === 0} onClick={() => void openCompare()} data-testid="compare-open">
          Compare{compareIds.length > 0 ? ` (${compareIds.length})` : ''}
        </button>
        <button type="button" className="button" onClick={() => setFormOpen((open) => !open)} data-testid="new-run-toggle">
          {formOpen ? 'Close' : 'New run'}
        </button>
      </header>
      {formOpen && <NewRunForm onDone={() => setFormOpen(false)} />}
      {error && <ErrorMessage error={error} />}
      {loaded && !error && runs.length === 0 && (
        <EmptyState title="No runs yet">
          Start one with “New run” above, or <code>npx remo demo</code> in a terminal for two simulated runs.
        </EmptyState>
      )}
      {runs.length > 0 && (
        <div className="table-scroll" ref={scrollRef}>
          <table className="runs-table" data-testid="runs-table">
            <thead>
              <tr>
                <th aria-label="compare" />
                {COLUMNS.map((column) => (
                  <th key={column.label} className={[column.numeric ? 'num' : '', column.optional ? 'col-optional' : ''].join(' ').trim() || undefined} aria-sort={column.key && sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                    {column.key ? (
                      <button type="button" className="th-sort" onClick={() => sortBy(column.key!)} data-testid={`sort-${column.key}`}>
                        {column.label}{sort.key === column.key ? (sort.descending ? ' ▾' : ' ▴') : ''}
                      </button>
                    ) : column.label}
                  </th>
                ))}
                <th aria-label="actions" />
              </tr>
            </thead>
            <tbody>
              {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
              {items.map((item) => shown[item.index]!).map((run) => (
                <RunRow
                  key={run.runId}
                  run={run}
                  parent={run.parentRunId ? byId.get(run.parentRunId) : undefined}
                  selected={run.runId === selectedRunId}
                  ticked={compareIds.includes(run.runId)}
                  renaming={renaming?.runId === run.runId ? renaming.name : null}
                  onSelect={() => void selectRun(run.runId)}
                  onTick={() => toggleCompare(run.runId)}
                  onRenameStart={() => setRenaming({ runId: run.runId, name: run.name })}
                  onRenameChange={(name) => setRenaming({ runId: run.runId, name })}
                  onRenameKey={onRenameKey}
                  onArchive={() => void archiveRun(run.runId, !run.archived)}
                  onParent={() => void selectRun(run.parentRunId ?? null, run.parentPosition)}
                />
              ))}
              {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
              {shown.length === 0 && <tr><td colSpan={COLUMNS.length + 2} className="muted">No run matches the search and filters.</td></tr>}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface RowProps {
  run: RunSummary; parent: RunSummary | undefined; selected: boolean; ticked: boolean; renaming: string | null;
  onSelect(): void; onTick(): void; onRenameStart(): void; onRenameChange(name: string): void; onRenameKey(event: KeyboardEvent<HTMLInputElement>): void;
  onArchive(): void; onParent(): void;
}

function RunRow({ run, parent, selected, ticked, renaming, onSelect, onTick, onRenameStart, onRenameChange, onRenameKey, onArchive, onParent }: RowProps) {
  const running = run.status === 'running';
  return (
    <tr className={`${selected ? 'selected' : ''}${run.archived ? ' archived' : ''}`} onClick={onSelect} data-testid="run-row" data-run-id={run.runId} aria-selected={selected}>
      <td onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" checked={ticked} onChange={onTick} aria-label={`compare ${run.name}`} data-testid="compare-tick" />
      </td>
      <td className="mono muted">{run.runId}</td>
      <td className="name-cell" title={run.name} onClick={(e) => renaming !== null && e.stopPropagation()}>
        {renaming !== null ? (
          <input autoFocus value={renaming} onChange={(e) => onRenameChange(e.target.value)} onKeyDown={onRenameKey} aria-label="New name (Enter saves, Escape cancels)" data-testid="rename-input" />
        ) : (
          <button type="button" className="link run-name" onClick={(e) => { e.stopPropagation(); onSelect(); }}>{run.name}</button>
        )}
        {run.simulated && <SimulatorBadge />}
        {run.archived && <span className="badge status-stopped">archived</span>}
      </td>
      <td>{run.method}</td>
      <td className="muted col-optional">{run.model ?? ''}</td>
      <td>
        <StatusBadge status={run.status} />
        {running && run.epochsPlanned > 0 && (
          <span className="mini-progress" title={`epoch ${run.epochsDone} of ${run.epochsPlanned}`}><span style={{ width: `${Math.round((100 * run.epochsDone) / run.epochsPlanned)}%` }} /></span>
        )}
      </td>
      <td>
        {run.parentRunId && (
          <button type="button" className="link small" onClick={(e) => { e.stopPropagation(); onParent(); }} title={parent ? parent.name : run.parentRunId} data-testid="parent-cell">
            {run.parentRunId} @ {run.parentPosition}
          </button>
        )}
      </td>
      <td className="num">{formatPercent(run.val)}</td>
      <td className="num">{formatPercent(run.test)}</td>
      <td className="num">{formatCount(run.usage.calls)}</td>
      <td className="num">{formatCount(run.usage.promptTokens + run.usage.completionTokens)}</td>
      <td className="num">{formatDuration(run.wallSeconds)}</td>
      <td className="muted col-optional">{formatTime(run.createdAt)}</td>
      <td className="row-actions" onClick={(e) => e.stopPropagation()}>
        <button type="button" className="link small" onClick={onRenameStart} data-testid="rename">rename</button>
        <button type="button" className="link small" onClick={onArchive} data-testid="archive">{run.archived ? 'unarchive' : 'archive'}</button>
      </td>
    </tr>
  );
}
