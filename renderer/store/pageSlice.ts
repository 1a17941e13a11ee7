import type { SliceContext } from './appStore';

/** The app's top-level pages: runs (list, run view, comparison), experiments (grids of runs) and the tools beside them. */
export type Page = 'runs' | 'experiments' | 'datasets' | 'maintenance';

export interface PageSlice {
  page: Page;
  showPage(page: Page): void;
}

export function createPageSlice({ set }: SliceContext): PageSlice {
  return {
    page: 'runs',
    showPage: (page) => set({ page }),
  };
}
