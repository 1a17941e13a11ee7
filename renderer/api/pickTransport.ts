import { PRELOAD_GLOBAL } from '../../shared/api/ipcChannels';
import type { ApiTransport } from '../../shared/api/transport';
import { createBrowserWebTransport, type LiveState } from './webTransport';

export type TransportKind = 'ipc' | 'web';

/**
 * Electron: the preload put `window.remo` (invoke + subscribe) on the page; use it.
 * Browser: no preload, so talk to the web host that served this page.
 */
export function pickTransport(onLiveState: (state: LiveState) => void): { kind: TransportKind; transport: ApiTransport } {
  const bridge = (window as unknown as Record<string, unknown>)[PRELOAD_GLOBAL] as ApiTransport | undefined;
  if (bridge && typeof bridge.invoke === 'function' && typeof bridge.subscribe === 'function') {
    onLiveState('live'); // IPC has no connection to lose
    return { kind: 'ipc', transport: bridge };
  }
  return { kind: 'web', transport: createBrowserWebTransport(onLiveState) };
}
