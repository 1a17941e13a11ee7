/**
 * Renderer entry: picks the transport (Electron preload or web host), builds the store, wires
 * pushed events into it, and mounts the app. Runs under a CSP with no inline script or eval.
 */
import { StrictMode } from 'react';
import { config as zodConfig } from 'zod';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '../shared/api/transport';
import { pickTransport } from './api/pickTransport';
import { emitAppEvent } from './appEvents';
import { createAppStore, type AppStore } from './store/appStore';
import { StoreContext } from './store/storeContext';
import { App } from './views/App';
import { parseUrlPoint } from './navigation/urlPoint';
import './styles.css';

// The CSP forbids eval: tell zod not to probe for it (its JIT would try `new Function`).
zodConfig({ jitless: true });

// The transport reports socket state before the store exists; the holder bridges that gap.
const holder: { store?: AppStore } = {};
const { kind, transport } = pickTransport((live) => {
  holder.store?.getState().setLive(live);
  if (live === 'live') emitAppEvent('live');
});
const client = createApiClient(transport);
const store = createAppStore(client, kind);
holder.store = store;
if (kind === 'ipc') store.getState().setLive('live');

client.on('runs.appended', (batches) => {
  store.getState().onRunsAppended(batches);
  store.getState().onExperimentPushes(batches);
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);

// The charts' chunk (recharts) is parsed while the first API calls are in flight, not after the
// run's state has arrived: opening a run then waits for neither.
void import('./views/charts/RunCharts');

const start = performance.now();
// A link with #run=…&at=… opens that run at that point, in parallel with the runs list.
const linked = parseUrlPoint(window.location.hash);
void Promise.all([
  store.getState().loadInfo(),
  store.getState().loadRuns().then(() => emitAppEvent('runs-loaded', { count: store.getState().runs.length, ms: performance.now() - start })),
  !linked ? Promise.resolve() : 'compare' in linked ? store.getState().openCompare(linked.compare) : store.getState().selectRun(linked.runId, linked.position),
]).then(() => emitAppEvent('ready'));
