/**
 * App events on `window`: what browser tests wait for instead of sleeping (Signal's practice),
 * and a cheap hook for debugging. Each also sets `data-remo-<name>` on <html> so a test that
 * attaches late can still see that it happened.
 */
export type AppEventName = 'ready' | 'runs-loaded' | 'point-loaded' | 'point-shown' | 'event-inspected' | 'compare-loaded' | 'experiment-loaded' | 'live';

export function emitAppEvent(name: AppEventName, detail: Record<string, unknown> = {}): void {
  if (typeof window === 'undefined') return;
  document.documentElement.dataset[`remo${name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}`] = JSON.stringify(detail);
  window.dispatchEvent(new CustomEvent(`remo:${name}`, { detail }));
}
