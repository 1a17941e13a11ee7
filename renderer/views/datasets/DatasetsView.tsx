import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatCount, formatTime } from '../../format/formatters';
import { useApp } from '../../store/storeContext';
import { DatasetImport } from './DatasetImport';

/** Datasets in this database (content-addressed), and the import with a preview of its mapping. */
export function DatasetsView() {
  const datasets = useApp((s) => s.datasets);
  const loaded = useApp((s) => s.datasetsLoaded);
  const error = useApp((s) => s.datasetsError);
  const loadDatasets = useApp((s) => s.loadDatasets);
  useEffect(() => {
    void loadDatasets();
  }, [loadDatasets]);

  return (
    <div className="page" data-testid="datasets-view">
      <section className="panel">
        <header className="panel-header">
          <h2>Datasets</h2>
          <span className="muted small">a run config names one by its name or hash in <code>dataset</code>; GSM8K is built in</span>
        </header>
        {error && <ErrorMessage error={error} />}
        {!loaded ? (
          <div className="muted loading-block">Loading datasets…</div>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="datasets-table">
              <thead>
                <tr><th>name</th><th className="num">items</th><th>format</th><th>hash</th><th>imported</th></tr>
              </thead>
              <tbody>
                <tr className="muted" data-testid="dataset-row">
                  <td>gsm8k <span className="small">(built in: train 7,473, test 1,319)</span></td><td className="num">8,792</td><td>jsonl</td><td>—</td><td>shipped</td>
                </tr>
                {datasets.map((dataset) => (
                  <tr key={dataset.hash} data-testid="dataset-row">
                    <td>{dataset.name}</td>
                    <td className="num">{formatCount(dataset.itemCount)}</td>
                    <td>{dataset.format}</td>
                    <td className="mono small" title={dataset.hash}>{dataset.hash.slice(0, 12)}</td>
                    <td>{formatTime(dataset.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {datasets.length === 0 && <EmptyState title="No imported datasets yet">Import a JSONL, JSON or CSV file below.</EmptyState>}
          </div>
        )}
      </section>
      <DatasetImport />
    </div>
  );
}
