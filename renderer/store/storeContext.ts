import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './appStore';

export const StoreContext = createContext<AppStore | null>(null);

/** Narrow-selector hook: components subscribe to the slice fields they render, nothing more. */
export function useApp<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp outside <StoreContext.Provider>');
  return useStore(store, selector);
}
