import { lazy, Suspense, useEffect, useState } from 'react';
import { SimulatorBadge } from '../components/Badge';
import { ErrorMessage } from '../components/ErrorMessage';
import { useApp } from '../store/storeContext';
import { RunDetail } from './RunDetail';
import { useUrlPoint } from '../navigation/useUrlPoint';
import { useTheme } from '../theme/useTheme';
import { ResumeBanner } from './runs/ResumeBanner';
import { RunsList } from './runs/RunsList';
import type { Page } from '../store/pageSlice';
import { ApiKeysDialog } from './settings/ApiKeysDialog';

const CompareView = lazy(() => import('./compare/CompareView').then((module) => ({ default: module.CompareView })));
const ExperimentsView = lazy(() => import('./experiments/ExperimentsView').then((module) => ({ default: module.ExperimentsView })));
const DatasetsView = lazy(() => import('./datasets/DatasetsView').then((module) => ({ default: module.DatasetsView })));
const MaintenanceView = lazy(() => import('./maintenance/MaintenanceView').then((module) => ({ default: module.MaintenanceView })));

const PAGES: { page: Page; label: string }[] = [
  { page: 'runs', label: 'Runs' },
  { page: 'experiments', label: 'Experiments' },
  { page: 'datasets', label: 'Datasets' },
  { page: 'maintenance', label: 'Maintenance' },
];

/** Top bar (with the pages and Settings), the resume banner, and the page shown: runs list and run detail, experiments, datasets, maintenance. */
export function App() {
  const info = useApp((s) => s.info);
  const live = useApp((s) => s.live);
  const notice = useApp((s) => s.notice);
  const dismissNotice = useApp((s) => s.dismissNotice);
  const transportKind = useApp((s) => s.transportKind);
  const selectedRunId = useApp((s) => s.selectedRunId);
  const comparing = useApp((s) => s.comparing);
  const page = useApp((s) => s.page);
  const showPage = useApp((s) => s.showPage);
  const [theme, cycleTheme] = useTheme();
  const [settingsOpen, setSettingsOpen] = useState(false);
  useUrlPoint();

  useEffect(() => {
    document.title = info ? `REMO Studio — ${info.dbPath}` : 'REMO Studio';
  }, [info]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>REMO Studio</h1>
        {info?.simulator && <SimulatorBadge />}
        <span className="muted small db-path" data-testid="db-path" title={info ? `Database: ${info.dbPath}` : 'Database'}>
          {info ? info.dbPath : ''}
        </span>
        <nav className="page-nav" aria-label="Pages">
          {PAGES.map((entry) => (
            <button key={entry.page} type="button" className="tab" aria-current={page === entry.page ? 'page' : undefined} onClick={() => showPage(entry.page)} data-testid={`page-${entry.page}`}>
              {entry.label}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <span className={`live live-${live}`} data-testid="live-state" title={`transport: ${transportKind}`}>
          {live === 'live' ? '● live' : live === 'connecting' ? '○ connecting' : '○ offline'}
        </span>
        <button type="button" className="theme-toggle" onClick={() => setSettingsOpen(true)} title="API keys for the model endpoints" data-testid="settings-open">
          Settings
        </button>
        <button type="button" className="theme-toggle" onClick={cycleTheme} title="Colour theme: system, dark or light" data-testid="theme-toggle">
          theme: {theme}
        </button>
        <span className="muted small">{info ? `v${info.version}` : ''}</span>
      </header>
      {notice && <ErrorMessage error={notice} onDismiss={dismissNotice} />}
      <ResumeBanner />
      {settingsOpen && <ApiKeysDialog onClose={() => setSettingsOpen(false)} />}
      {page === 'runs' ? (
        <main className={selectedRunId ? 'content with-detail' : 'content'}>
          <RunsList />
          {comparing ? (
            <Suspense fallback={<div className="panel muted">Loading the comparison…</div>}>
              <CompareView />
            </Suspense>
          ) : (
            <RunDetail />
          )}
        </main>
      ) : (
        <main className="content">
          <Suspense fallback={<div className="panel muted">Loading…</div>}>
            {page === 'experiments' && <ExperimentsView />}
            {page === 'datasets' && <DatasetsView />}
            {page === 'maintenance' && <MaintenanceView />}
          </Suspense>
        </main>
      )}
    </div>
  );
}
