import type { AppInfo } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/result';
import type { LiveState } from '../api/webTransport';
import type { TransportKind } from '../api/pickTransport';
import type { SliceContext } from './appStore';

export interface ConnectionSlice {
  transportKind: TransportKind;
  live: LiveState;
  info: AppInfo | null;
  /** The last failed action's error, shown in a dismissible banner. */
  notice: ApiError | null;
  setLive(state: LiveState): void;
  loadInfo(): Promise<void>;
  showNotice(error: ApiError): void;
  dismissNotice(): void;
}

export function createConnectionSlice({ set, client }: SliceContext, transportKind: TransportKind): ConnectionSlice {
  return {
    transportKind,
    live: 'connecting',
    info: null,
    notice: null,
    setLive: (live) => set({ live }),
    async loadInfo() {
      const result = await client.call('app.info', {});
      if (result.ok) set({ info: result.value });
      else set({ notice: result.error });
    },
    showNotice: (notice) => set({ notice }),
    dismissNotice: () => set({ notice: null }),
  };
}
