import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../shared/api/transport';
import type { TransportKind } from '../api/pickTransport';
import { createConnectionSlice, type ConnectionSlice } from './connectionSlice';
import { createCompareSlice, type CompareSlice } from './compareSlice';
import { createDetailSlice, type DetailSlice } from './detailSlice';
import { createExperimentsSlice, type ExperimentsSlice } from './experimentsSlice';
import { createLibrarySlice, type LibrarySlice } from './librarySlice';
import { createPageSlice, type PageSlice } from './pageSlice';
import { createKeysSlice, type KeysSlice } from './keysSlice';
import { createRunsSlice, type RunsSlice } from './runsSlice';

/**
 * The renderer's one store, built from slices (zustand docs' pattern). It caches what the core
 * says (run summaries, folded states); it never computes domain truth itself.
 */
export type AppState = ConnectionSlice & RunsSlice & DetailSlice & CompareSlice & PageSlice & LibrarySlice & KeysSlice & ExperimentsSlice;

/** What every slice creator receives: the store's set/get and the API client. */
export interface SliceContext {
  set: StoreApi<AppState>['setState'];
  get: StoreApi<AppState>['getState'];
  client: ApiClient;
}

export type AppStore = StoreApi<AppState>;

export function createAppStore(client: ApiClient, transportKind: TransportKind): AppStore {
  return createStore<AppState>()((set, get) => {
    const ctx: SliceContext = { set, get, client };
    return {
      ...createConnectionSlice(ctx, transportKind),
      ...createRunsSlice(ctx),
      ...createDetailSlice(ctx),
      ...createCompareSlice(ctx),
      ...createPageSlice(ctx),
      ...createLibrarySlice(ctx),
      ...createKeysSlice(ctx),
      ...createExperimentsSlice(ctx),
    };
  });
}
